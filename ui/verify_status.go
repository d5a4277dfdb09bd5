package ui

import (
	"strings"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
)

// verifyDone says what a read-back found, unless the quit question holds
// the status line. A short result follows the flush's summary that was on
// the line when the read-back started.
func (m *Model) verifyDone(msg component.VerifyDoneMsg) tea.Cmd {
	text, bad, explained, next := component.Verifier{Common: m.common}.Done(msg)
	if msg.Err == nil {
		m.received.ReadBack(msg.Report, msg.Local, m.common.Now())
		m.screen.resize(m.status) // the first read-back from a backend may bring the pane
	}
	if m.mode == modeConfirmQuit {
		return next
	}
	before, wasBad := m.status, m.statusBad
	if bad {
		m.setErrorText(text)
	} else {
		m.status, m.statusBad = component.KeyText(m.common.Keys, text), false
	}
	if msg.Err == nil && m.common.Verify.Follows(before) && !wasBad && !explained && !strings.HasPrefix(before, "Verifying") {
		m.status = before + " " + m.status
	}
	return next
}
