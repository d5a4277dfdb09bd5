package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// verifyDone says what a read-back found, unless the quit question holds
// the status line. A short result follows the flush's summary that was on
// the line when the read-back started.
func (m *Model) verifyDone(msg verifyDoneMsg) tea.Cmd {
	text, bad, explained, next := verifier{m.common}.done(msg)
	if msg.err == nil {
		m.received.readBack(msg.report, msg.local, m.now())
		m.screen.resize(m.status) // the first read-back from a backend may bring the pane
	}
	if m.mode == modeConfirmQuit {
		return next
	}
	before, wasBad := m.status, m.statusBad
	if bad {
		m.setErrorText(text)
	} else {
		m.status, m.statusBad = keyText(m.keys, text), false
	}
	v := m.verify
	if msg.err == nil && before == v.status && !wasBad && !explained && v.status != "" && !strings.HasPrefix(before, "Verifying") {
		m.status = before + " " + m.status
	}
	return next
}
