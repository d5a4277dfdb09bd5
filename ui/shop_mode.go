package ui

import tea "github.com/charmbracelet/bubbletea"

// The picker's c switches how the shop's SERVER spans join their caller:
// shared (zipkin-go's default: the caller's span ID, shared: true) or a
// child with an ID of its own (WithSharedSpans(false), what Jaeger and
// OpenTelemetry expect, and what gives Jaeger's dependency graph the
// shop's edges). A tracer is built with its mode, so the shop restarts.

func (m *Model) toggleChildSpans() { m.shop.childSpans = !m.shop.childSpans }

// serverSpansLine is the picker's line on the mode, and what enter does to it.
func (m *Model) serverSpansLine() string {
	c := keyName(m.keys.Child)
	line := "SERVER spans: shared with the caller (zipkin-go's default) · " + c + ": child spans"
	if m.shop.childSpans {
		line = "SERVER spans: child spans, IDs of their own · " + c + ": shared"
	}
	if m.shop.running != nil && m.shop.runningChild != m.shop.childSpans {
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

// restartShop stops the running shop and starts it in the mode the picker
// chose; the queued call is made once it runs.
func (m *Model) restartShop() tea.Cmd {
	if m.shop.starting {
		return nil
	}
	rep, err := m.session.ShopReporting()
	if err != nil {
		m.setError(err)
		m.shop.queued = nil
		return nil
	}
	old := m.shop.running
	m.shop.running, m.shop.starting, m.shop.reportingTo = nil, true, reportingKey(rep)
	m.setStatus("Restarting the demo shop: its SERVER spans change mode…")
	return startShop(rep, m.shop.childSpans, old)
}
