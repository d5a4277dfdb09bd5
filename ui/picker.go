package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// samplerPicker lists zipkin-go's five samplers with a line on each (a
// dialog). enter sets the chosen one, or asks for its parameter
// (sampler.go).
type samplerPicker struct {
	paneBase
	cursor int
	closed bool
}

// newSamplerPicker is S: it starts on the session's sampler.
func newSamplerPicker(c *common) dialog {
	p := &samplerPicker{paneBase: paneBase{common: c}}
	for i, k := range tracing.SamplerKinds {
		if k == c.session.Config().Sampler.Kind {
			p.cursor = i
		}
	}
	return p
}

// Title names the dialog.
func (p *samplerPicker) Title() string { return "Sampler for new traces (zipkin-go)" }

// Closed says a sampler was chosen or the picker cancelled.
func (p *samplerPicker) Closed() bool { return p.closed }

// Update moves the cursor; enter chooses; esc and ctrl+c cancel.
func (p *samplerPicker) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.keys.Up), key.Matches(km, p.keys.Down):
		p.cursor = navigate(p.keys, km, p.cursor, 1, len(tracing.SamplerKinds)-1)
	case key.Matches(km, p.keys.Cancel), key.Matches(km, p.keys.Close):
		p.closed = true
		p.say("Sampler unchanged.")
	case key.Matches(km, p.keys.Accept):
		p.closed = true
		return p, p.chosen(p.Selected())
	}
	return p, nil
}

// Selected is the highlighted kind.
func (p *samplerPicker) Selected() tracing.SamplerKind { return tracing.SamplerKinds[p.cursor] }

// ShortHelp is the picker's keys.
func (p *samplerPicker) ShortHelp() []key.Binding {
	return []key.Binding{both(p.keys.Up, p.keys.Down, "choose"), as(p.keys.Accept, "accepts"), as(p.keys.Cancel, "cancels")}
}

// FullHelp is the picker's keys.
func (p *samplerPicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(), p.keys.Close)}
}

// View draws the list.
func (p *samplerPicker) View() string {
	st := p.styles
	inner := max(10, p.width-4)
	lines := []string{st.Status.Render(p.Title())}
	for i, k := range tracing.SamplerKinds {
		// A description wraps under its name rather than being cut.
		indent := len([]rune(string(k))) + 2
		for j, l := range wrapIndent("", k.Describe(), indent, inner-2) {
			if j == 0 {
				l = string(k) + "  " + strings.TrimLeft(l, " ")
			}
			if i == p.cursor {
				mark := "  "
				if j == 0 {
					mark = "› "
				}
				l = st.Selected.Render(fitLine(mark+l, inner))
			} else {
				l = fitLine("  "+st.Dim.Render(l), inner)
			}
			lines = append(lines, l)
		}
	}
	lines = append(lines, st.Dim.Render(fitLine(keyHelp(p.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// confirm is a yes/no question (a dialog). The question itself is on the
// status line, where the root puts it; the dialog draws nothing over the
// panes. In the quit question ctrl+c means yes.
type confirm struct {
	paneBase
	question    string
	yes, no     func() tea.Cmd
	interruptOK bool // ctrl+c answers yes
	closed      bool
}

// Title is the question.
func (c *confirm) Title() string { return c.question }

// Closed says the question was answered.
func (c *confirm) Closed() bool { return c.closed }

// Update answers on y or n (esc is no).
func (c *confirm) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(km, c.keys.Yes), c.interruptOK && key.Matches(km, c.keys.Close):
		c.closed = true
		return c, c.yes()
	case key.Matches(km, c.keys.No), key.Matches(km, c.keys.Close):
		c.closed = true
		return c, c.no()
	}
	return c, nil
}

// View is empty: the question is on the status line.
func (c *confirm) View() string { return "" }

// ShortHelp is y/n.
func (c *confirm) ShortHelp() []key.Binding { return []key.Binding{c.keys.Yes, c.keys.No} }

// FullHelp is y/n.
func (c *confirm) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }
