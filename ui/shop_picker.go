package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/shop"
)

// routePicker lists the demo shop's routes (a dialog); enter calls the
// chosen one with the span's B3 headers.
type routePicker struct {
	paneBase
	routes []shop.Route
	notes  []string // what the request will carry and what follows from it
	cursor int
	accept func(shop.Route) tea.Cmd
	closed bool
	fails  func(service string) bool // the service answers 500 (e toggles)
	toggle func(service string)
	// serverSpans says how the services' SERVER spans join the caller (c
	// switches it).
	serverSpans func() string
	toggleChild func()
}

// Title names the dialog.
func (p *routePicker) Title() string { return "Call the demo shop with this span's B3 headers" }

// Closed says a route was chosen or the picker cancelled.
func (p *routePicker) Closed() bool { return p.closed }

// Update moves the cursor; enter calls; esc and ctrl+c cancel.
func (p *routePicker) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.keys.Up), key.Matches(km, p.keys.Down):
		p.cursor = navigate(p.keys, km, p.cursor, 1, len(p.routes)-1)
	case key.Matches(km, p.keys.Cancel), key.Matches(km, p.keys.Close):
		p.closed = true
	case key.Matches(km, p.keys.Error) && p.toggle != nil:
		p.toggle(p.routes[p.cursor].Service)
	case key.Matches(km, p.keys.Child) && p.toggleChild != nil:
		p.toggleChild()
	case key.Matches(km, p.keys.Accept):
		p.closed = true
		return p, p.accept(p.routes[p.cursor])
	}
	return p, nil
}

// ShortHelp is the picker's keys.
func (p *routePicker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, as(p.keys.Error, "service fails"), as(p.keys.Child, "child/shared"), p.keys.Accept, p.keys.Cancel}
}

// FullHelp is the picker's keys.
func (p *routePicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(), p.keys.Close)}
}

// View draws the routes, then the notes.
func (p *routePicker) View() string {
	st := p.styles
	inner := max(10, p.width-4)
	lines := []string{st.Status.Render(fitLine(p.Title(), inner))}
	for i, r := range p.routes {
		l := fmt.Sprintf("%-6s %-10s %-10s", r.Method, r.Path, r.Service)
		if p.fails != nil && p.fails(r.Service) {
			l += " ✗ fails: answers 500"
		}
		if i == p.cursor {
			lines = append(lines, st.Selected.Render(fitLine("› "+l, inner)))
		} else {
			lines = append(lines, fitLine("  "+l, inner))
		}
	}
	if p.serverSpans != nil {
		lines = append(lines, wrap(p.serverSpans(), inner)...)
	}
	for _, n := range p.notes {
		for _, l := range wrap(keyText(p.keys, n), inner) {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	lines = append(lines, st.Dim.Render(fitLine(keyHelp(both(p.keys.Up, p.keys.Down, "choose"), as(p.keys.Error, "makes it fail (again: heals)"), as(p.keys.Accept, "calls"), as(p.keys.Cancel, "cancels")), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}
