package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// promptKind says what a prompt's answer is for.
type promptKind int

const (
	promptNewTrace promptKind = iota
	promptChild
	promptDebug
	promptTag
	promptError
	promptAnnotate
	promptEndpoint
	promptSamplerParam
	promptContinue
	promptSave
	promptLoad
	promptExport
)

// prompt is a small modal input. check validates as the user types and
// returns a note (shown dim) and an error (shown red; enter is refused).
type prompt struct {
	common
	kind    promptKind
	title   string
	input   textinput.Model
	check   func(string) (note, err string)
	note    string
	err     string
	sampler tracing.SamplerKind // for promptSamplerParam
	width   int
}

func newPrompt(c common, kind promptKind, title, value, placeholder string, check func(string) (string, string)) *prompt {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = 2048
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	p := &prompt{common: c, kind: kind, title: title, input: in, check: check}
	p.validate()
	return p
}

func (p *prompt) validate() {
	if p.check != nil {
		p.note, p.err = p.check(p.input.Value())
	}
}

// SetWidth sets the outer width of the box.
func (p *prompt) SetWidth(w int) {
	p.width = w
	p.input.Width = max(5, w-8)
}

// Value is the text typed.
func (p *prompt) Value() string { return p.input.Value() }

// Update types into the input; enter and esc are the root's business.
func (p *prompt) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		p.validate()
	}
	return cmd
}

// IsAccept and IsCancel match the prompt keys.
func (p *prompt) IsAccept(msg tea.KeyMsg) bool { return key.Matches(msg, p.keys.Accept) }
func (p *prompt) IsCancel(msg tea.KeyMsg) bool { return key.Matches(msg, p.keys.Cancel) }

// View draws the box.
func (p *prompt) View() string {
	st := p.styles
	var b strings.Builder
	b.WriteString(st.Status.Render(p.title) + "\n")
	b.WriteString(p.input.View() + "\n")
	if p.err != "" {
		b.WriteString(st.PromptError.Render(p.err) + "\n")
	}
	if p.note != "" {
		b.WriteString(st.Hint.Render(p.note) + "\n")
	}
	b.WriteString(st.Dim.Render("enter accepts · esc cancels"))
	inner := max(10, p.width-4)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = fitLine(l, inner)
	}
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// samplerPicker lists zipkin-go's five samplers with a line on each.
type samplerPicker struct {
	common
	cursor int
	width  int
}

func newSamplerPicker(c common, current tracing.SamplerKind) *samplerPicker {
	p := &samplerPicker{common: c}
	for i, k := range tracing.SamplerKinds {
		if k == current {
			p.cursor = i
		}
	}
	return p
}

// Update moves the cursor.
func (p *samplerPicker) Update(msg tea.KeyMsg) {
	switch {
	case key.Matches(msg, p.keys.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(msg, p.keys.Down):
		p.cursor = min(len(tracing.SamplerKinds)-1, p.cursor+1)
	}
}

// Selected is the highlighted kind.
func (p *samplerPicker) Selected() tracing.SamplerKind { return tracing.SamplerKinds[p.cursor] }

// View draws the list.
func (p *samplerPicker) View() string {
	st := p.styles
	inner := max(10, p.width-4)
	lines := []string{st.Status.Render("Sampler for new traces (zipkin-go)")}
	for i, k := range tracing.SamplerKinds {
		l := fitLine("  "+string(k)+"  "+st.Dim.Render(k.Describe()), inner)
		if i == p.cursor {
			l = st.Selected.Render(fitLine("› "+string(k)+"  "+k.Describe(), inner))
		}
		lines = append(lines, l)
	}
	lines = append(lines, st.Dim.Render(fitLine("↑/↓ choose · enter accepts · esc cancels", inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}
