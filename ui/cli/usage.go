package cli

import (
	"fmt"
	"io"
	"strings"
)

// commandDef is one command: its name, what it takes, what it does, and
// examples for its help. The flags it accepts are the flagTable rows whose
// set includes it.
type commandDef struct {
	name     string // "" is the interactive TUI
	set      commandSet
	args     string
	summary  string
	examples []string
	// run is the headless command; nil for the TUI, which main passes in.
	run func(Options, Env) int
}

var commandTable = []commandDef{
	{name: "", set: inTUI, summary: "interactive TUI",
		examples: []string{
			"zipkin-playground",
			"zipkin-playground --endpoint http://localhost:9411/api/v2/spans --sampler modulo:10",
			"zipkin-playground --load checkout",
		}},
	{name: "send", set: inSend, args: "[FILE]", run: Send,
		summary: "headless: build the demo trace (or replay scenario FILE), flush, report",
		examples: []string{
			"zipkin-playground send",
			"zipkin-playground send examples/checkout.json --json",
			"zipkin-playground send checkout --endpoint http://localhost:9411/api/v2/spans",
			"zipkin-playground send --count 1000 --rate 200 --batch 50",
			"zipkin-playground send --duration 30s --rate 10 --retries 5",
		}},
	{name: "check", set: inCheck, run: Check,
		summary: "probe the endpoint with an empty span list and diagnose the answer",
		examples: []string{
			"zipkin-playground check --endpoint http://localhost:9411/api/v2/spans",
			"zipkin-playground check --endpoint https://collector.example/api/v2/spans --cacert ca.pem --json",
			"zipkin-playground check --verify --endpoint http://localhost:9411/api/v2/spans",
		}},
	{name: "receive", set: inReceive, run: Receive,
		summary: "run the embedded receiver alone, print each arriving span",
		examples: []string{
			"zipkin-playground receive",
			"zipkin-playground receive --listen 127.0.0.1:9411 --json",
		}},
	{name: "workshop", set: inWorkshop, run: runWorkshop,
		summary: "SSH server: each attendee their own playground, the presenter's board",
		examples: []string{
			"zipkin-playground workshop",
			"zipkin-playground workshop --ssh 0.0.0.0:2222 --code tracing42",
			"zipkin-playground workshop --ssh 0.0.0.0:2222 --code tracing42 --endpoint http://jaeger:9411/api/v2/spans --query http://jaeger:16686",
		}},
	{name: "shop", set: inShop, run: Shop,
		summary: "run the demo shop (real services with zipkin-go middleware) alone",
		examples: []string{
			"zipkin-playground shop",
			"zipkin-playground shop --endpoint http://localhost:9411/api/v2/spans --b3 single",
			"zipkin-playground shop --sampler never",
		}},
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

// label names the command in a sentence.
func (c commandDef) label() string {
	if c.name == "" {
		return "the TUI"
	}
	return c.name
}

// commandNames lists the commands of a set, for "it is for send, check".
func commandNames(set commandSet) string {
	var names []string
	for _, c := range commandTable {
		if set&c.set != 0 {
			names = append(names, c.label())
		}
	}
	return strings.Join(names, ", ")
}

// printUsage writes cmd's help: synopsis, its flags with their variables
// and defaults, its examples. The TUI's help also lists the commands.
func printUsage(w io.Writer, c commandDef) {
	fmt.Fprintf(w, "Usage: %s [flags] %s\n\n", c.title(), c.args)
	fmt.Fprintf(w, "%s.\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
	if c.name == "" {
		fmt.Fprintln(w, "\nCommands:")
		for _, cmd := range commandTable {
			fmt.Fprintf(w, "  %-40s %s\n", strings.TrimSpace(cmd.title()+" [flags] "+cmd.args), cmd.summary)
		}
		fmt.Fprintf(w, "  %-40s %s\n", "zipkin-playground help COMMAND", "a command's flags and examples")
		fmt.Fprintf(w, "  %-40s %s\n", "zipkin-playground --version", "the version and VCS revision")
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, d := range flagTable {
		if d.cmds&c.set != 0 {
			printFlag(w, d)
		}
	}
	fmt.Fprintln(w, "\nExamples:")
	for _, ex := range c.examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
	if c.name == "send" || c.name == "check" {
		fmt.Fprintln(w, "\nExit status: 0 delivered / healthy, 1 delivery failed / unhealthy, 2 bad usage or configuration.")
	}
}

func printFlag(w io.Writer, d flagDef) {
	head := "--" + d.name
	if !d.isSwitch() {
		head += " " + d.arg
	}
	fmt.Fprintf(w, "  %-26s %s\n", head, d.usage)
	var notes []string
	if d.env != "" {
		notes = append(notes, "env "+d.env)
	}
	if d.def != "" {
		notes = append(notes, "default "+d.def)
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "  %-26s (%s)\n", "", strings.Join(notes, "; "))
	}
}
