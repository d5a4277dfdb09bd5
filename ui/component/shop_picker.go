package component

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/shop"
)

// RoutePicker lists the demo shop's routes (a dialog); enter calls the
// chosen one with the span's B3 headers.
type RoutePicker struct {
	PaneBase
	routes []shop.Route
	Notes  []string // what the request will carry and what follows from it
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
func (p *RoutePicker) Title() string { return "Call the demo shop with this span's B3 headers" }

// Closed says a route was chosen or the picker cancelled.
func (p *RoutePicker) Closed() bool { return p.closed }

// Update moves the cursor; enter calls; esc and ctrl+c cancel.
func (p *RoutePicker) Update(msg tea.Msg) (Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.Keys.Up), key.Matches(km, p.Keys.Down):
		p.cursor = navigate(p.Keys, km, p.cursor, 1, len(p.routes)-1)
	case key.Matches(km, p.Keys.Cancel), key.Matches(km, p.Keys.Close):
		p.closed = true
	case key.Matches(km, p.Keys.Error) && p.toggle != nil:
		p.toggle(p.routes[p.cursor].Service)
	case key.Matches(km, p.Keys.Child) && p.toggleChild != nil:
		p.toggleChild()
	case key.Matches(km, p.Keys.Accept):
		p.closed = true
		return p, p.accept(p.routes[p.cursor])
	}
	return p, nil
}

// ShortHelp is the picker's keys.
func (p *RoutePicker) ShortHelp() []key.Binding {
	return []key.Binding{p.Keys.Up, p.Keys.Down, as(p.Keys.Error, "service fails"), as(p.Keys.Child, "child/shared"), p.Keys.Accept, p.Keys.Cancel}
}

// FullHelp is the picker's keys.
func (p *RoutePicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(), p.Keys.Close)}
}

// View draws the routes, then the notes.
func (p *RoutePicker) View() string {
	st := p.Styles
	inner := max(10, p.Width-4)
	lines := []string{st.Status.Render(FitLine(p.Title(), inner))}
	for i, r := range p.routes {
		l := fmt.Sprintf("%-6s %-10s %-10s", r.Method, r.Path, r.Service)
		if p.fails != nil && p.fails(r.Service) {
			l += " ✗ fails: answers 500"
		}
		if i == p.cursor {
			lines = append(lines, st.Selected.Render(FitLine("› "+l, inner)))
		} else {
			lines = append(lines, FitLine("  "+l, inner))
		}
	}
	if p.serverSpans != nil {
		lines = append(lines, Wrap(p.serverSpans(), inner)...)
	}
	for _, n := range p.Notes {
		for _, l := range Wrap(KeyText(p.Keys, n), inner) {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	lines = append(lines, st.Dim.Render(FitLine(KeyHelp(Both(p.Keys.Up, p.Keys.Down, "choose"), as(p.Keys.Error, "makes it fail (again: heals)"), as(p.Keys.Accept, "calls"), as(p.Keys.Cancel, "cancels")), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}
