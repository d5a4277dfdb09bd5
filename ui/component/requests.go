package component

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Components ask the root for what only it does (the dialog slot, the
// status line, the browse actions) with requests: messages they queue in the
// shared context, which the root carries out as soon as the component's
// Update returns, in the same frame. So no component holds the root.

// OpenDialogMsg puts a dialog in the slot; quit marks the quit question,
// which ctrl+c answers and a verification's status does not overwrite.
type OpenDialogMsg struct {
	D    Dialog
	Quit bool
}

// ShowHelpMsg puts the full help on the screen (the help pane has listed
// the keys already).
type ShowHelpMsg struct{}

// QuitMsg ends the program (the root stops drawing).
type QuitMsg struct{}

// StatusMsg says text on the status line; bad marks (and masks) an error.
type StatusMsg struct {
	Text string
	Bad  bool
}

// FocusMsg gives c the keys.
type FocusMsg struct{ C Component }

// RunKeyMsg runs the browse action bound to b, as if its key were pressed
// (O's rows of the settings another key changes); otherwise runs when the
// action opened no dialog.
type RunKeyMsg struct {
	B         *key.Binding
	Otherwise func()
}

// Send queues a request for the root.
func (c *Common) Send(msg tea.Msg) { c.Requests = append(c.Requests, msg) }

// Open asks for d in the dialog slot.
func (c *Common) Open(d Dialog) { c.Send(OpenDialogMsg{D: d}) }

// Say asks for a status (format's {Field} keys filled in from the bindings).
func (c *Common) Say(format string, args ...any) {
	c.Send(StatusMsg{Text: fmt.Sprintf(KeyText(c.Keys, format), args...)})
}

// SayError asks for an error on the status line.
func (c *Common) SayError(text string) { c.Send(StatusMsg{Text: text, Bad: true}) }

// Ask opens a text prompt; esc says "Cancelled." unless spec says otherwise.
func (c *Common) Ask(spec PromptSpec) tea.Cmd {
	if spec.Cancelled == nil {
		spec.Cancelled = func() { c.Say("Cancelled.") }
	}
	c.Open(newPrompt(c, spec))
	return nil
}
