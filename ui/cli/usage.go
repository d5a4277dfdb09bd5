package cli

import (
	"fmt"
	"io"
	"strings"
)

// printUsage writes cmd's help: synopsis, its flags with their variables
// and defaults, its examples. The TUI's help also lists the commands.
func printUsage(w io.Writer, c commandDef) {
	fmt.Fprintf(w, "Usage: %s [flags] %s\n\n", c.title(), c.args)
	fmt.Fprintf(w, "%s.\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
	if c.name == "" {
		fmt.Fprintln(w, "\nCommands:")
		for _, cmd := range commandTable {
			fmt.Fprintf(w, "  %-40s %s\n", cmd.synopsis(), cmd.summary)
		}
		fmt.Fprintf(w, "  %-40s %s\n", "zipkin-playground help COMMAND", "a command's flags and examples")
		fmt.Fprintf(w, "  %-40s %s\n", "zipkin-playground --version", "the version and VCS revision")
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, d := range flagTable {
		if d.takenBy(c) {
			printFlag(w, d)
		}
	}
	fmt.Fprintln(w, "\nExamples:")
	for _, ex := range c.examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
	if c.exitStatuses {
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
