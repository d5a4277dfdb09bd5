package desk

import (
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
)

// The picker's c switches how the shop's SERVER spans join their caller:
// shared (zipkin-go's default: the caller's span ID, shared: true) or a
// child with an ID of its own (WithSharedSpans(false), what Jaeger and
// OpenTelemetry expect, and what gives Jaeger's dependency graph the
// shop's edges). A tracer is built with its mode, so the shop restarts.

// toggleChild switches the mode the next start uses.
func (d *Shop) toggleChild() { d.childSpans = !d.childSpans }

// serverSpansLine is the picker's line on the mode, and what enter does to it.
func (d *Shop) serverSpansLine() string {
	c := component.KeyName(d.Keys.Child)
	line := "SERVER spans: shared with the caller (zipkin-go's default) · " + c + ": child spans"
	if d.childSpans {
		line = "SERVER spans: child spans, IDs of their own · " + c + ": shared"
	}
	if d.Running != nil && d.runningChild != d.childSpans {
		line += " · enter restarts the shop"
	}
	return line
}

// serverSpansNote names the mode in the log's start line.
func serverSpansNote(child bool) string {
	if child {
		return " (child SERVER spans)"
	}
	return ""
}

// restart stops the running shop and starts it in the mode the picker
// chose; the queued call is made once it runs.
func (d *Shop) restart() tea.Cmd {
	if d.Starting {
		return nil
	}
	cmd := d.start(d.Running)
	if cmd != nil {
		d.Say("Restarting the demo shop: its SERVER spans change mode…")
	}
	return cmd
}
