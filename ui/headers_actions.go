package ui

import (
	"strings"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// The B3 headers pane's own keys: b cycles the format it shows, y copies
// what it shows.

// headersOf is the B3 headers pane, for the actions it does.
func headersOf(m *Model) *headersPane { return m.headers }

// cycle is b: the next B3 format, kept in the session's configuration.
func (v *headersPane) cycle() tea.Cmd {
	if err := v.session.Reconfigure(func(c *tracing.Config) { c.B3 = c.B3.Next() }); err != nil {
		v.sayError(err.Error())
		return nil
	}
	v.say("B3 view: %s.", v.session.Config().B3)
	return nil
}

// copy is y: the B3 headers shown, in the pane's format, to the clipboard
// with OSC 52 (it works over SSH: the terminal on the person's side does the
// copy).
func (v *headersPane) copy() tea.Cmd {
	n := v.selected()
	format := v.session.Config().B3
	lines, err := b3.Headers(n.Context, format)
	if err != nil {
		v.sayError(err.Error())
		return nil
	}
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = l.Name + ": " + l.Value
	}
	v.send(clipboardMsg{osc52.New(strings.Join(text, "\n")).String()})
	// The terminal decides: many honour OSC 52, some ignore it silently, so
	// the status says what was sent, not that the clipboard holds it.
	v.say("Sent the %s B3 headers of %q (%s) to your terminal as OSC 52, a clipboard request; terminals may ignore it: %s",
		format, escapeTitle(n.Name), plural(len(lines), "line"), strings.Join(text, " · "))
	return nil
}
