package cli

import (
	"fmt"
	"strings"

	"zipkin-playground/ui/settings"
)

// commandDef is one command: its name, what it takes, what it does, and
// examples for its help. The flags it accepts are the flagTable rows that
// name cmd, and those every command takes (--help, --version).
type commandDef struct {
	name string // "" is the interactive TUI
	// cmd is the command as the flag and settings tables name it: one that
	// ui/settings declares, so no two rows share one. Zero is a command that
	// takes no flag but those every command takes.
	cmd settings.Commands
	// args is the positional arguments as usage shows them ("" for none);
	// takeArgs reads them into Options, nil when the command takes none.
	args     string
	takeArgs func(o *Options, args []string) error
	summary  string
	examples []string
	// exitStatuses says the command's help explains its exit statuses (a
	// script tells a failed delivery from a usage error by them).
	exitStatuses bool
	// run is the headless command; nil for the TUI, which main passes in.
	run func(Options, Env) int
}

// commandTable is every command, in the order of usage. A new command is
// its file, a row here and its line in the README's commands block; one
// with flags of its own (or settings) also declares itself in ui/settings.
var commandTable = []commandDef{
	{name: "", cmd: settings.TUI, summary: "interactive TUI",
		examples: []string{
			"zipkin-playground",
			"zipkin-playground --endpoint http://localhost:9411/api/v2/spans --sampler modulo:10",
			"zipkin-playground --load checkout",
		}},
	{name: "send", cmd: settings.Send, args: "[FILE]", takeArgs: sendArgs, run: Send, exitStatuses: true,
		summary: "headless: build the demo trace (or replay scenario FILE), flush, report",
		examples: []string{
			"zipkin-playground send",
			"zipkin-playground send examples/checkout.json --json",
			"zipkin-playground send checkout --endpoint http://localhost:9411/api/v2/spans",
			"zipkin-playground send --count 1000 --rate 200 --batch 50",
			"zipkin-playground send --duration 30s --rate 10 --retries 5",
		}},
	{name: "check", cmd: settings.Check, run: Check, exitStatuses: true,
		summary: "probe the endpoint with an empty span list and diagnose the answer",
		examples: []string{
			"zipkin-playground check --endpoint http://localhost:9411/api/v2/spans",
			"zipkin-playground check --endpoint https://collector.example/api/v2/spans --cacert ca.pem --json",
			"zipkin-playground check --verify --endpoint http://localhost:9411/api/v2/spans",
		}},
	{name: "receive", cmd: settings.Receive, run: Receive,
		summary: "run the embedded receiver alone, print each arriving span",
		examples: []string{
			"zipkin-playground receive",
			"zipkin-playground receive --listen 127.0.0.1:9411 --json",
		}},
	{name: "workshop", cmd: settings.Workshop, run: runWorkshop,
		summary: "SSH server: each attendee their own playground, the presenter's board",
		examples: []string{
			"zipkin-playground workshop",
			"zipkin-playground workshop --ssh 0.0.0.0:2222 --code tracing42",
			"zipkin-playground workshop --ssh 0.0.0.0:2222 --code tracing42 --endpoint http://jaeger:9411/api/v2/spans --query http://jaeger:16686",
		}},
	{name: "shop", cmd: settings.Shop, run: Shop,
		summary: "run the demo shop (real services with zipkin-go middleware) alone",
		examples: []string{
			"zipkin-playground shop",
			"zipkin-playground shop --endpoint http://localhost:9411/api/v2/spans --b3 single",
			"zipkin-playground shop --sampler never",
		}},
}

// sendArgs is send's FILE: one scenario to replay, or none for the demo
// trace.
func sendArgs(o *Options, args []string) error {
	if len(args) > 1 {
		return usagef("send takes at most one scenario FILE, got %d arguments", len(args))
	}
	if len(args) == 1 {
		o.Load = args[0]
	}
	return nil
}

func commandByName(name string) (commandDef, bool) {
	for _, c := range commandTable {
		if c.name == name {
			return c, true
		}
	}
	return commandDef{}, false
}

func (c commandDef) title() string {
	if c.name == "" {
		return "zipkin-playground"
	}
	return "zipkin-playground " + c.name
}

// synopsis is how the command is typed, as the usage's command list and the
// README show it.
func (c commandDef) synopsis() string {
	return strings.TrimSpace(c.title() + " [flags] " + c.args)
}

// label names the command in a sentence.
func (c commandDef) label() string {
	if c.name == "" {
		return "the TUI"
	}
	return c.name
}

// takeArguments reads the positional arguments by the command's row.
func (c commandDef) takeArguments(o *Options, args []string) error {
	if c.takeArgs != nil {
		return c.takeArgs(o, args)
	}
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", c.label(), args[0])
	}
	return nil
}

// commandNames lists the commands of a set, for "it is for send, check".
func commandNames(set settings.Commands) string {
	var names []string
	for _, c := range commandTable {
		if set&c.cmd != 0 {
			names = append(names, c.label())
		}
	}
	return strings.Join(names, ", ")
}

// namedCommands lists the commands typed by name, in a sentence: "send,
// check and shop".
func namedCommands() string {
	var names []string
	for _, c := range commandTable {
		if c.name != "" {
			names = append(names, c.name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return fmt.Sprintf("%s and %s", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
