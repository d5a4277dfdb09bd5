package pane

import (
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// Cycle is b: the next B3 format, kept in the session's configuration.
func (v *Headers) Cycle() tea.Cmd {
	if err := v.Session.Reconfigure(func(c *tracing.Config) { c.B3 = c.B3.Next() }); err != nil {
		v.SayError(err.Error())
		return nil
	}
	v.Say("B3 view: %s.", v.Session.Config().B3)
	return nil
}

// Copy is y: the B3 headers shown, in the pane's format, to the clipboard
// with OSC 52 (it works over SSH: the terminal on the person's side does the
// copy).
func (v *Headers) Copy() tea.Cmd {
	n := v.selected()
	format := v.Session.Config().B3
	lines, err := b3.Headers(n.Context, format)
	if err != nil {
		v.SayError(err.Error())
		return nil
	}
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = l.Name + ": " + l.Value
	}
	v.Send(dialog.ClipboardMsg{Seq: osc52.New(strings.Join(text, "\n")).String()})
	// The terminal decides: many honour OSC 52, some ignore it silently, so
	// the status says what was sent, not that the clipboard holds it.
	v.Say("Sent the %s B3 headers of %q (%s) to your terminal as OSC 52, a clipboard request; terminals may ignore it: %s",
		format, escapeTitle(n.Name), component.Plural(len(lines), "line"), strings.Join(text, " · "))
	return nil
}
