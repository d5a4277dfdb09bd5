package dialog

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/shop"
)

// RoutePicker lists the demo shop's routes (a dialog); enter calls the
// chosen one with the span's B3 headers.
type RoutePicker struct {
	component.PaneBase
	Routes []shop.Route
	Notes  []string // what the request will carry and what follows from it
	cursor int
	Accept func(shop.Route) tea.Cmd
	closed bool
	Fails  func(service string) bool // the service answers 500 (e toggles)
	Toggle func(service string)
	// ServerSpans says how the services' SERVER spans join the caller (c
	// switches it).
	ServerSpans func() string
	ToggleChild func()
}

// Title names the dialog.
func (p *RoutePicker) Title() string { return "Call the demo shop with this span's B3 headers" }

// Closed says a route was chosen or the picker cancelled.
func (p *RoutePicker) Closed() bool { return p.closed }

// Update moves the cursor; enter calls; esc and ctrl+c cancel.
func (p *RoutePicker) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.Keys.Up), key.Matches(km, p.Keys.Down):
		p.cursor = component.Navigate(p.Keys, km, p.cursor, 1, len(p.Routes)-1)
	case key.Matches(km, p.Keys.Cancel), key.Matches(km, p.Keys.Close):
		p.closed = true
	case key.Matches(km, p.Keys.Error) && p.Toggle != nil:
		p.Toggle(p.Routes[p.cursor].Service)
	case key.Matches(km, p.Keys.Child) && p.ToggleChild != nil:
		p.ToggleChild()
	case key.Matches(km, p.Keys.Accept):
		p.closed = true
		return p, p.Accept(p.Routes[p.cursor])
	}
	return p, nil
}

// ShortHelp is the picker's keys.
func (p *RoutePicker) ShortHelp() []key.Binding {
	return []key.Binding{p.Keys.Up, p.Keys.Down, component.As(p.Keys.Error, "service fails"), component.As(p.Keys.Child, "child/shared"), p.Keys.Accept, p.Keys.Cancel}
}

// FullHelp is the picker's keys.
func (p *RoutePicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(), p.Keys.Close)}
}

// View draws the routes, then the notes.
func (p *RoutePicker) View() string {
	st := p.Styles
	inner := max(10, p.Width-4)
	lines := []string{st.Status.Render(component.FitLine(p.Title(), inner))}
	for i, r := range p.Routes {
		l := fmt.Sprintf("%-6s %-10s %-10s", r.Method, r.Path, r.Service)
		if p.Fails != nil && p.Fails(r.Service) {
			l += " ✗ fails: answers 500"
		}
		if i == p.cursor {
			lines = append(lines, st.Selected.Render(component.FitLine("› "+l, inner)))
		} else {
			lines = append(lines, component.FitLine("  "+l, inner))
		}
	}
	if p.ServerSpans != nil {
		lines = append(lines, component.Wrap(p.ServerSpans(), inner)...)
	}
	for _, n := range p.Notes {
		for _, l := range component.Wrap(component.KeyText(p.Keys, n), inner) {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	lines = append(lines, st.Dim.Render(component.FitLine(component.KeyHelp(component.Both(p.Keys.Up, p.Keys.Down, "choose"), component.As(p.Keys.Error, "makes it fail (again: heals)"), component.As(p.Keys.Accept, "calls"), component.As(p.Keys.Cancel, "cancels")), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}
