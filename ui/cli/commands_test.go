package cli

import (
	"bytes"
	"strings"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/settings"
)

// Each row of the command table is one command ui/settings declares (or
// none, for a command without flags of its own), no two rows share one, and
// every declared command has a row: a command never picks a bit by hand, and
// a bit added in settings never lands on one.
func TestEachCommandIsOneDeclaredCommand(t *testing.T) {
	t.Parallel()
	var seen settings.Commands
	names := map[string]bool{}
	for _, c := range commandTable {
		if c.cmd&(c.cmd-1) != 0 || c.cmd&^settings.Declared != 0 {
			t.Errorf("%s: cmd %#x is not one command of ui/settings (declare it there)", c.label(), c.cmd)
		}
		if seen&c.cmd != 0 {
			t.Errorf("%s: another row has its cmd %#x", c.label(), c.cmd)
		}
		if names[c.name] {
			t.Errorf("two rows are named %q", c.name)
		}
		seen, names[c.name] = seen|c.cmd, true
	}
	if missing := settings.Declared &^ seen; missing != 0 {
		t.Errorf("ui/settings declares commands %#x that have no row in commandTable", missing)
	}
	for _, d := range flagTable {
		if extra := d.cmds &^ seen; extra != 0 {
			t.Errorf("--%s names commands %#x that have no row in commandTable", d.name, extra)
		}
	}
}

// A command added to the table takes --help, -h and --version with no bit
// to remember, and does not take the receiver's flags unless it says so.
func TestANewCommandTakesHelpAndVersion(t *testing.T) {
	t.Parallel()
	hello := commandDef{name: "hello", summary: "print one line"}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"--version"}} {
		opts := Options{Config: tracing.DefaultConfig()}
		if _, err := parseFlags(hello, args, &opts, map[string]string{}); err != nil || !opts.Help && !opts.Version {
			t.Errorf("hello %v: err %v, help %v, version %v", args, err, opts.Help, opts.Version)
		}
	}
	opts := Options{Config: tracing.DefaultConfig()}
	if _, err := parseFlags(hello, []string{"--listen", "127.0.0.1:0"}, &opts, map[string]string{}); err == nil ||
		!strings.Contains(err.Error(), "hello does not take --listen") {
		t.Errorf("hello --listen: err %v, want it refused", err)
	}
	var out bytes.Buffer
	printUsage(&out, hello)
	help := out.String()
	if !strings.Contains(help, "Usage: zipkin-playground hello [flags]") || !strings.Contains(help, "--version") ||
		!strings.Contains(help, "--help") || strings.Contains(help, "--listen") {
		t.Errorf("hello's help lists the wrong flags:\n%s", help)
	}
}

// The hints that name the commands name every row of the table.
func TestUnknownCommandHintNamesEveryCommand(t *testing.T) {
	t.Parallel()
	code, _, stderr := mainIn(t, nil, "help", "nope")
	if code != ExitUsage {
		t.Fatalf("help nope: exit %d, want %d", code, ExitUsage)
	}
	for _, c := range commandTable {
		if c.name != "" && !strings.Contains(stderr, c.name) {
			t.Errorf("help nope's hint does not name %s:\n%s", c.name, stderr)
		}
	}
}
