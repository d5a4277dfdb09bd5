package ui

import tea "github.com/charmbracelet/bubbletea"

// The picker's c switches how the shop's SERVER spans join their caller:
// shared (zipkin-go's default: the caller's span ID, shared: true) or a
// child with an ID of its own (WithSharedSpans(false), what Jaeger and
// OpenTelemetry expect, and what gives Jaeger's dependency graph the
// shop's edges). A tracer is built with its mode, so the shop restarts.

// toggleChild switches the mode the next start uses.
func (d *shopDesk) toggleChild() { d.childSpans = !d.childSpans }

// serverSpansLine is the picker's line on the mode, and what enter does to it.
func (d *shopDesk) serverSpansLine() string {
	c := keyName(d.keys.Child)
	line := "SERVER spans: shared with the caller (zipkin-go's default) · " + c + ": child spans"
	if d.childSpans {
		line = "SERVER spans: child spans, IDs of their own · " + c + ": shared"
	}
	if d.running != nil && d.runningChild != d.childSpans {
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
func (d *shopDesk) restart() tea.Cmd {
	if d.starting {
		return nil
	}
	rep, err := d.session.ShopReporting()
	if err != nil {
		d.sayError(err.Error())
		d.queued = nil
		return nil
	}
	old := d.running
	d.running, d.starting, d.reportingTo = nil, true, reportingKey(rep)
	d.say("Restarting the demo shop: its SERVER spans change mode…")
	return startShop(rep, d.childSpans, old)
}
