package component

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// PromptSpec is everything a text prompt needs: what it asks, what it
// starts with, how it checks the text as it is typed, and what enter does.
type PromptSpec struct {
	Title       string
	Value       string // initial text
	Placeholder string // shown dim while empty; enter on nothing takes it
	// OwnsEmpty gives check and accept the empty text as it is, for a prompt
	// that says itself what enter alone does (an option keeps its value).
	OwnsEmpty bool
	// Check validates as the user types: a note (dim) and an error (red;
	// enter is refused while there is one). nil accepts anything.
	Check func(string) (note, err string)
	// Accept acts on the text. An error keeps the prompt open and is shown
	// in it; otherwise the prompt closes and the command runs.
	Accept func(string) (tea.Cmd, error)
	// Cancelled is the status after esc; "" means "Cancelled.".
	Cancelled func()
	// MoreLines, when set, says whether enter adds a line ("; ") instead of
	// accepting: a paste of several header lines without bracketed paste
	// arrives as lines and enters, and must not be accepted at its first.
	MoreLines func(text string) bool
	// Secret hides the text as it is typed (a header value).
	Secret bool
	// Display, when set, is how the typed text is shown (secrets masked as
	// they are typed); the text itself is kept as typed.
	Display func(string) string
}

// Prompt is a small modal text input (a dialog).
type Prompt struct {
	PaneBase
	spec   PromptSpec
	Input  textinput.Model
	Note   string
	Err    string
	closed bool
	pasted bool // the last key was a bracketed paste: the text is whole
}

func newPrompt(c *Common, spec PromptSpec) *Prompt {
	spec.Title = KeyText(c.Keys, spec.Title)
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = spec.Placeholder
	in.CharLimit = 2048
	in.SetValue(spec.Value)
	in.CursorEnd()
	in.Focus()
	if spec.Secret {
		in.EchoMode, in.EchoCharacter = textinput.EchoPassword, '*'
	}
	p := &Prompt{PaneBase: PaneBase{Common: c}, spec: spec, Input: in}
	p.validate()
	return p
}

func (p *Prompt) validate() {
	p.Note, p.Err = "", ""
	if p.spec.Check != nil {
		p.Note, p.Err = p.spec.Check(p.text())
	}
	if p.Note == "" && p.Err == "" && p.takesPlaceholder() {
		p.Note = "enter alone takes " + p.spec.Placeholder
	}
	if p.linesFollow() {
		enter := KeyName(p.Keys.Accept)
		p.Err, p.Note = "", strings.TrimPrefix(fmt.Sprintf("%s; %s adds a line, %s on the empty line after the last continues", p.Note, enter, enter), "; ")
	}
}

// linesFollow says whether enter now starts another line: the spec says
// more lines usually follow, and the text was typed or sent key by key (a
// bracketed paste arrives whole).
func (p *Prompt) linesFollow() bool {
	return !p.pasted && p.spec.MoreLines != nil && p.spec.MoreLines(p.Input.Value())
}

// takesPlaceholder says whether enter now would take the placeholder: one
// rule for every prompt, so an example shown is an answer, never a trap.
func (p *Prompt) takesPlaceholder() bool {
	return !p.spec.OwnsEmpty && p.spec.Placeholder != "" && strings.TrimSpace(p.Input.Value()) == ""
}

// text is what enter would accept: the typed text, or the placeholder.
func (p *Prompt) text() string {
	if p.takesPlaceholder() {
		return p.spec.Placeholder
	}
	return p.Input.Value()
}

// SetSize sets the outer width of the box.
func (p *Prompt) SetSize(w, h int) {
	p.Width, p.Height = w, h
	p.Input.Width = max(5, w-8)
}

// Value is the text typed.
func (p *Prompt) Value() string { return p.Input.Value() }

// Closed says the prompt was accepted or cancelled.
func (p *Prompt) Closed() bool { return p.closed }

// Title is the question.
func (p *Prompt) Title() string { return p.spec.Title }

// Update types into the input; enter accepts, esc and ctrl+c cancel.
func (p *Prompt) Update(msg tea.Msg) (Component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		km = flattenPaste(km) // pasted lines stay apart: "; " between them
		msg = km
		switch {
		case key.Matches(km, p.Keys.Cancel), key.Matches(km, p.Keys.Close):
			p.closed = true
			if p.spec.Cancelled != nil {
				p.spec.Cancelled()
			}
			return p, nil
		case key.Matches(km, p.Keys.Accept) && p.linesFollow():
			p.Input.SetValue(strings.TrimSpace(p.Input.Value()) + "; ")
			p.Input.CursorEnd()
			p.validate()
			return p, nil
		case key.Matches(km, p.Keys.Accept):
			return p, p.accept()
		}
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		p.pasted = km.Paste
	}
	var cmd tea.Cmd
	p.Input, cmd = p.Input.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		p.validate()
	}
	return p, cmd
}

// accept runs the spec's action unless the text is refused.
func (p *Prompt) accept() tea.Cmd {
	if p.Err != "" {
		return nil // refused inline; the prompt stays
	}
	cmd, err := p.spec.Accept(p.text())
	if err != nil {
		p.Err = p.Session.Masker().Mask(err.Error()) // the prompt stays open
		return nil
	}
	p.closed = true
	return cmd
}

// ShortHelp is the prompt's keys.
func (p *Prompt) ShortHelp() []key.Binding {
	return []key.Binding{As(p.Keys.Accept, "accepts"), As(p.Keys.Cancel, "cancels")}
}

// FullHelp is the prompt's keys.
func (p *Prompt) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.Keys.Accept, p.Keys.Cancel, p.Keys.Close}}
}

// View draws the box.
func (p *Prompt) View() string {
	st := p.Styles
	var b strings.Builder
	inner := max(10, p.Width-4)
	// Messages wrap: a validation message is read whole, never cut.
	add := func(style func(...string) string, text string) {
		for _, l := range Wrap(text, inner) {
			b.WriteString(FitLine(style(l), inner) + "\n")
		}
	}
	add(st.Status.Render, Safe(p.spec.Title))
	b.WriteString(FitLine(p.inputView(), inner) + "\n")
	if p.Err != "" {
		add(st.PromptError.Render, p.shown(p.Err))
	}
	if p.Note != "" {
		add(st.Hint.Render, p.shown(p.Note))
	}
	b.WriteString(FitLine(st.Dim.Render(KeyHelp(p.ShortHelp()...)), inner))
	return st.Prompt.Render(b.String())
}

// inputView is the text input as it is to be seen: through display when the
// prompt has one (the cursor then stands at the end).
func (p *Prompt) inputView() string {
	if p.spec.Display == nil {
		return p.Input.View()
	}
	shown := p.spec.Display(p.Input.Value())
	if shown == p.Input.Value() {
		return p.Input.View()
	}
	in := p.Input // a copy: the typed text stays as it is
	in.SetValue(shown)
	in.CursorEnd()
	return in.View()
}

// shown is a message about the typed text, with the text in it as displayed.
func (p *Prompt) shown(msg string) string {
	if p.spec.Display == nil || p.Input.Value() == "" {
		return msg
	}
	return strings.ReplaceAll(msg, p.Input.Value(), p.spec.Display(p.Input.Value()))
}
