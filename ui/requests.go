package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Components ask the root for what only it does (the dialog slot, the
// status line, the browse actions) with requests: messages they queue in the
// shared context, which the root carries out as soon as the component's
// Update returns, in the same frame. So no component holds the root.

// openDialogMsg puts a dialog in the slot; quit marks the quit question,
// which ctrl+c answers and a verification's status does not overwrite.
type openDialogMsg struct {
	d    dialog
	quit bool
}

// showHelpMsg puts the full help on the screen (the help pane has listed
// the keys already).
type showHelpMsg struct{}

// quitMsg ends the program (the root stops drawing).
type quitMsg struct{}

// statusMsg says text on the status line; bad marks (and masks) an error.
type statusMsg struct {
	text string
	bad  bool
}

// focusMsg gives c the keys.
type focusMsg struct{ c component }

// runKeyMsg runs the browse action bound to b, as if its key were pressed
// (O's rows of the settings another key changes); otherwise runs when the
// action opened no dialog.
type runKeyMsg struct {
	b         *key.Binding
	otherwise func()
}

// unlessDialogMsg runs f unless a dialog is open by then.
type unlessDialogMsg struct{ f func() }

// send queues a request for the root.
func (c *common) send(msg tea.Msg) { c.requests = append(c.requests, msg) }

// open asks for d in the dialog slot.
func (c *common) open(d dialog) { c.send(openDialogMsg{d: d}) }

// say asks for a status (format's {Field} keys filled in from the bindings).
func (c *common) say(format string, args ...any) {
	c.send(statusMsg{text: fmt.Sprintf(keyText(c.keys, format), args...)})
}

// sayError asks for an error on the status line.
func (c *common) sayError(text string) { c.send(statusMsg{text: text, bad: true}) }

// ask opens a text prompt; esc says "Cancelled." unless spec says otherwise.
func (c *common) ask(spec promptSpec) tea.Cmd {
	if spec.cancelled == nil {
		spec.cancelled = func() { c.say("Cancelled.") }
	}
	c.open(newPrompt(c, spec))
	return nil
}

// carryOut does what the components asked, in order (a request may queue
// more), and returns their commands.
func (m *Model) carryOut() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.requests) > 0 {
		msg := m.requests[0]
		m.requests = m.requests[1:]
		switch msg := msg.(type) {
		case openDialogMsg:
			md := modeDialog
			if msg.quit {
				md = modeConfirmQuit
			}
			m.openDialog(msg.d, md)
		case showHelpMsg:
			m.mode = modeHelp
		case quitMsg:
			m.quitting = true
			cmds = append(cmds, tea.Quit)
		case statusMsg:
			if msg.bad {
				m.setErrorText(msg.text)
			} else {
				m.status, m.statusBad = msg.text, false
			}
		case clipboardMsg:
			cmds = append(cmds, m.clipboard.set(msg))
		case logMsg:
			m.log.Add(msg.line)
		case verifyStartedMsg:
			if m.mode != modeConfirmQuit && !msg.auto {
				m.status, m.statusBad = msg.text, false
			}
			m.verify.status = m.status // a flush's summary stays, the result follows it
		case focusMsg:
			m.screen.focus(msg.c)
		case runKeyMsg:
			cmds = append(cmds, m.runKey(msg))
		case unlessDialogMsg:
			if m.dialog == nil {
				msg.f()
			}
		}
	}
	return tea.Batch(cmds...)
}

// runKey runs the action of msg.b (or says why it does not apply).
func (m *Model) runKey(msg runKeyMsg) tea.Cmd {
	var cmd tea.Cmd
	for _, g := range m.actions {
		for _, a := range g.actions {
			if a.binding != msg.b {
				continue
			}
			if reason := a.whyNot(m); reason != "" {
				m.setErrorText(reason)
			} else {
				cmd = a.do(m)
			}
		}
	}
	if msg.otherwise != nil { // after what the action asked for
		m.send(unlessDialogMsg{msg.otherwise})
	}
	return cmd
}
