package dialog

import (
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// samplerPicker lists zipkin-go's five samplers with a line on each (a
// dialog). enter sets the chosen one, or asks for its parameter
// (sampler.go).
type samplerPicker struct {
	component.PaneBase
	cursor int
	closed bool
}

// Title names the dialog.
func (p *samplerPicker) Title() string { return "Sampler for new traces (zipkin-go)" }

// Closed says a sampler was chosen or the picker cancelled.
func (p *samplerPicker) Closed() bool { return p.closed }

// Update moves the cursor; enter chooses; esc and ctrl+c cancel.
func (p *samplerPicker) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.Keys.Up), key.Matches(km, p.Keys.Down):
		p.cursor = component.Navigate(p.Keys, km, p.cursor, 1, len(tracing.SamplerKinds)-1)
	case key.Matches(km, p.Keys.Cancel), key.Matches(km, p.Keys.Close):
		p.closed = true
		p.Say("Sampler unchanged.")
	case key.Matches(km, p.Keys.Accept):
		p.closed = true
		return p, p.chosen(p.selected())
	}
	return p, nil
}

// selected is the highlighted kind.
func (p *samplerPicker) selected() tracing.SamplerKind { return tracing.SamplerKinds[p.cursor] }

// ShortHelp is the picker's keys.
func (p *samplerPicker) ShortHelp() []key.Binding {
	return []key.Binding{component.Both(p.Keys.Up, p.Keys.Down, "choose"), component.As(p.Keys.Accept, "accepts"), component.As(p.Keys.Cancel, "cancels")}
}

// FullHelp is the picker's keys.
func (p *samplerPicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(), p.Keys.Close)}
}

// View draws the list.
func (p *samplerPicker) View() string {
	st := p.Styles
	inner := max(10, p.Width-4)
	lines := []string{st.Status.Render(p.Title())}
	for i, k := range tracing.SamplerKinds {
		// A description wraps under its name rather than being cut.
		indent := len([]rune(string(k))) + 2
		for j, l := range component.WrapIndent("", k.Describe(), indent, inner-2) {
			if j == 0 {
				l = string(k) + "  " + strings.TrimLeft(l, " ")
			}
			if i == p.cursor {
				mark := "  "
				if j == 0 {
					mark = "› "
				}
				l = st.Selected.Render(component.FitLine(mark+l, inner))
			} else {
				l = component.FitLine("  "+st.Dim.Render(l), inner)
			}
			lines = append(lines, l)
		}
	}
	lines = append(lines, st.Dim.Render(component.FitLine(component.KeyHelp(p.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// Confirm is a yes/no question (a dialog). The question itself is on the
// status line, where the root puts it; the dialog draws nothing over the
// panes. In the quit question ctrl+c means yes.
type Confirm struct {
	component.PaneBase
	Question    string
	Yes, No     func() tea.Cmd
	InterruptOK bool // ctrl+c answers yes
	closed      bool
}

// Title is the question.
func (c *Confirm) Title() string { return c.Question }

// Closed says the question was answered.
func (c *Confirm) Closed() bool { return c.closed }

// Update answers on y or n (esc is no).
func (c *Confirm) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(km, c.Keys.Yes), c.InterruptOK && key.Matches(km, c.Keys.Close):
		c.closed = true
		return c, c.Yes()
	case key.Matches(km, c.Keys.No), key.Matches(km, c.Keys.Close):
		c.closed = true
		return c, c.No()
	}
	return c, nil
}

// View is empty: the question is on the status line.
func (c *Confirm) View() string { return "" }

// ShortHelp is y/n.
func (c *Confirm) ShortHelp() []key.Binding { return []key.Binding{c.Keys.Yes, c.Keys.No} }

// FullHelp is y/n.
func (c *Confirm) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// NewSamplerPicker is S: it starts on the session's sampler.
func NewSamplerPicker(c *component.Common) component.Dialog {
	p := &samplerPicker{PaneBase: component.PaneBase{Common: c}}
	for i, k := range tracing.SamplerKinds {
		if k == c.Session.Config().Sampler.Kind {
			p.cursor = i
		}
	}
	return p
}
