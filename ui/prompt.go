package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// promptSpec is everything a text prompt needs: what it asks, what it
// starts with, how it checks the text as it is typed, and what enter does.
type promptSpec struct {
	title       string
	value       string // initial text
	placeholder string // shown dim while empty; enter on nothing takes it
	// ownsEmpty gives check and accept the empty text as it is, for a prompt
	// that says itself what enter alone does (an option keeps its value).
	ownsEmpty bool
	// check validates as the user types: a note (dim) and an error (red;
	// enter is refused while there is one). nil accepts anything.
	check func(string) (note, err string)
	// accept acts on the text. An error keeps the prompt open and is shown
	// in it; otherwise the prompt closes and the command runs.
	accept func(string) (tea.Cmd, error)
	// cancelled is the status after esc; "" means "Cancelled.".
	cancelled func()
	// moreLines, when set, says whether enter adds a line ("; ") instead of
	// accepting: a paste of several header lines without bracketed paste
	// arrives as lines and enters, and must not be accepted at its first.
	moreLines func(text string) bool
	// secret hides the text as it is typed (a header value).
	secret bool
	// display, when set, is how the typed text is shown (secrets masked as
	// they are typed); the text itself is kept as typed.
	display func(string) string
}

// prompt is a small modal text input (a dialog).
type prompt struct {
	paneBase
	spec   promptSpec
	input  textinput.Model
	note   string
	err    string
	closed bool
	pasted bool // the last key was a bracketed paste: the text is whole
}

func newPrompt(c *common, spec promptSpec) *prompt {
	spec.title = keyText(c.keys, spec.title)
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = spec.placeholder
	in.CharLimit = 2048
	in.SetValue(spec.value)
	in.CursorEnd()
	in.Focus()
	if spec.secret {
		in.EchoMode, in.EchoCharacter = textinput.EchoPassword, '*'
	}
	p := &prompt{paneBase: paneBase{common: c}, spec: spec, input: in}
	p.validate()
	return p
}

func (p *prompt) validate() {
	p.note, p.err = "", ""
	if p.spec.check != nil {
		p.note, p.err = p.spec.check(p.text())
	}
	if p.note == "" && p.err == "" && p.takesPlaceholder() {
		p.note = "enter alone takes " + p.spec.placeholder
	}
	if p.linesFollow() {
		enter := keyName(p.keys.Accept)
		p.err, p.note = "", strings.TrimPrefix(fmt.Sprintf("%s; %s adds a line, %s on the empty line after the last continues", p.note, enter, enter), "; ")
	}
}

// linesFollow says whether enter now starts another line: the spec says
// more lines usually follow, and the text was typed or sent key by key (a
// bracketed paste arrives whole).
func (p *prompt) linesFollow() bool {
	return !p.pasted && p.spec.moreLines != nil && p.spec.moreLines(p.input.Value())
}

// takesPlaceholder says whether enter now would take the placeholder: one
// rule for every prompt, so an example shown is an answer, never a trap.
func (p *prompt) takesPlaceholder() bool {
	return !p.spec.ownsEmpty && p.spec.placeholder != "" && strings.TrimSpace(p.input.Value()) == ""
}

// text is what enter would accept: the typed text, or the placeholder.
func (p *prompt) text() string {
	if p.takesPlaceholder() {
		return p.spec.placeholder
	}
	return p.input.Value()
}

// SetSize sets the outer width of the box.
func (p *prompt) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.Width = max(5, w-8)
}

// Value is the text typed.
func (p *prompt) Value() string { return p.input.Value() }

// Closed says the prompt was accepted or cancelled.
func (p *prompt) Closed() bool { return p.closed }

// Title is the question.
func (p *prompt) Title() string { return p.spec.title }

// Update types into the input; enter accepts, esc and ctrl+c cancel.
func (p *prompt) Update(msg tea.Msg) (component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		km = flattenPaste(km) // pasted lines stay apart: "; " between them
		msg = km
		switch {
		case key.Matches(km, p.keys.Cancel), key.Matches(km, p.keys.Close):
			p.closed = true
			if p.spec.cancelled != nil {
				p.spec.cancelled()
			}
			return p, nil
		case key.Matches(km, p.keys.Accept) && p.linesFollow():
			p.input.SetValue(strings.TrimSpace(p.input.Value()) + "; ")
			p.input.CursorEnd()
			p.validate()
			return p, nil
		case key.Matches(km, p.keys.Accept):
			return p, p.accept()
		}
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		p.pasted = km.Paste
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		p.validate()
	}
	return p, cmd
}

// accept runs the spec's action unless the text is refused.
func (p *prompt) accept() tea.Cmd {
	if p.err != "" {
		return nil // refused inline; the prompt stays
	}
	cmd, err := p.spec.accept(p.text())
	if err != nil {
		p.err = p.session.Masker().Mask(err.Error()) // the prompt stays open
		return nil
	}
	p.closed = true
	return cmd
}

// ShortHelp is the prompt's keys.
func (p *prompt) ShortHelp() []key.Binding {
	return []key.Binding{as(p.keys.Accept, "accepts"), as(p.keys.Cancel, "cancels")}
}

// FullHelp is the prompt's keys.
func (p *prompt) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.Accept, p.keys.Cancel, p.keys.Close}}
}

// View draws the box.
func (p *prompt) View() string {
	st := p.styles
	var b strings.Builder
	inner := max(10, p.width-4)
	// Messages wrap: a validation message is read whole, never cut.
	add := func(style func(...string) string, text string) {
		for _, l := range wrap(text, inner) {
			b.WriteString(fitLine(style(l), inner) + "\n")
		}
	}
	add(st.Status.Render, safe(p.spec.title))
	b.WriteString(fitLine(p.inputView(), inner) + "\n")
	if p.err != "" {
		add(st.PromptError.Render, p.shown(p.err))
	}
	if p.note != "" {
		add(st.Hint.Render, p.shown(p.note))
	}
	b.WriteString(fitLine(st.Dim.Render(keyHelp(p.ShortHelp()...)), inner))
	return st.Prompt.Render(b.String())
}

// inputView is the text input as it is to be seen: through display when the
// prompt has one (the cursor then stands at the end).
func (p *prompt) inputView() string {
	if p.spec.display == nil {
		return p.input.View()
	}
	shown := p.spec.display(p.input.Value())
	if shown == p.input.Value() {
		return p.input.View()
	}
	in := p.input // a copy: the typed text stays as it is
	in.SetValue(shown)
	in.CursorEnd()
	return in.View()
}

// shown is a message about the typed text, with the text in it as displayed.
func (p *prompt) shown(msg string) string {
	if p.spec.display == nil || p.input.Value() == "" {
		return msg
	}
	return strings.ReplaceAll(msg, p.input.Value(), p.spec.display(p.input.Value()))
}
