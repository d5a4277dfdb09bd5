package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	tea "github.com/charmbracelet/bubbletea"
)

// unlessDialogMsg runs f unless a dialog is open by then.
type unlessDialogMsg struct{ f func() }

// carryOut does what the components asked, in order (a request may queue
// more), and returns their commands.
func (m *Model) carryOut() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.common.Requests) > 0 {
		msg := m.common.Requests[0]
		m.common.Requests = m.common.Requests[1:]
		switch msg := msg.(type) {
		case component.OpenDialogMsg:
			md := modeDialog
			if msg.Quit {
				md = modeConfirmQuit
			}
			m.openDialog(msg.D, md)
		case component.ShowHelpMsg:
			m.mode = modeHelp
		case component.QuitMsg:
			m.quitting = true
			cmds = append(cmds, tea.Quit)
		case component.StatusMsg:
			if msg.Bad {
				m.setErrorText(msg.Text)
			} else {
				m.status, m.statusBad = msg.Text, false
			}
		case dialog.ClipboardMsg:
			cmds = append(cmds, m.clipboard.Set(msg))
		case component.LogMsg:
			m.log.Add(msg.Line)
		case component.VerifyStartedMsg:
			if m.mode != modeConfirmQuit && !msg.Auto {
				m.status, m.statusBad = msg.Text, false
			}
			m.common.Verify.Started(m.status) // a flush's summary stays, the result follows it
		case component.FocusMsg:
			m.screen.focus(msg.C)
		case component.RunKeyMsg:
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
func (m *Model) runKey(msg component.RunKeyMsg) tea.Cmd {
	var cmd tea.Cmd
	for _, g := range m.actions {
		for _, a := range g.actions {
			if a.binding != msg.B {
				continue
			}
			if reason := a.whyNot(m); reason != "" {
				m.setErrorText(reason)
			} else {
				cmd = a.do(m)
			}
		}
	}
	if msg.Otherwise != nil { // after what the action asked for
		m.common.Send(unlessDialogMsg{msg.Otherwise})
	}
	return cmd
}
