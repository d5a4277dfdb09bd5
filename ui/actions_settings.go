package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// settingsActions are the keys that change the screen or the session's
// settings, and leave: b, tab, E, S, v, ?, q, ctrl+c.
func settingsActions(k *KeyMap) []action {
	return []action{
		{&k.B3, nil, with(headersOf, (*headersPane).cycle)},
		{&k.Tab, nil, (*Model).cycleFocus},
		{&k.Endpoint, nil, with(endpointOf, endpointEditor.edit)},
		{&k.Sampler, nil, opens(newSamplerPicker)},
		{&k.Reveal, hasSecrets, with(commonOf, (*common).toggleReveal)},
		{&k.Help, nil, (*Model).showHelp},
		{&k.Quit, nil, (*Model).quit},
		{&k.Interrupt, nil, (*Model).interrupt},
	}
}

func hasSecrets(m *Model) string {
	if m.session.Endpoint().HasSecrets() || len(m.session.Config().Headers) > 0 || m.log.hidden {
		return ""
	}
	return "no secrets to hide: the endpoint has no token and no header values are set"
}

func (m *Model) showHelp() tea.Cmd {
	m.helpView.Show(m.helpGroups())
	m.mode = modeHelp
	return nil
}

func (m *Model) cycleFocus() tea.Cmd {
	ring := m.screen.focusRing()
	cur := m.screen.focusedPane()
	for i, stop := range ring {
		if stop.c == cur {
			next := ring[(i+1)%len(ring)]
			m.screen.focus(next.c)
			m.setStatus("Focus: %s.", next.name)
			break
		}
	}
	return nil
}

// toggleReveal is v: secrets shown or masked on this screen.
func (c *common) toggleReveal() tea.Cmd {
	c.reveal = !c.reveal
	if c.reveal {
		c.say("Secrets revealed — press %s again before you share the screen.", keyName(c.keys.Reveal))
	} else {
		c.say("Secrets masked.")
	}
	return nil
}

// quit leaves at once when nothing would be lost, else asks. A running
// flush never holds the exit up: leaving cancels it.
func (m *Model) quit() tea.Cmd {
	var why []string
	stay := "Not quitting."
	if n := m.undelivered(); n > 0 {
		why = append(why, plural(n, "span")+" not delivered")
		stay += " " + keyName(m.keys.Flush) + " flushes what is queued."
	}
	if m.quitReason != nil {
		if r := m.quitReason(); r != "" {
			why = append(why, r)
		}
	}
	if len(why) == 0 {
		return m.exit()
	}
	q := fmt.Sprintf("%s — quit anyway? (%s)", strings.Join(why, "; "), keyName(both(m.keys.Yes, m.keys.No, "")))
	m.setStatus("%s", q)
	m.openDialog(&confirm{paneBase: paneBase{common: m.common}, question: q, interruptOK: true,
		yes: m.exit,
		no: func() tea.Cmd {
			m.setStatus("%s", stay)
			return nil
		}}, modeConfirmQuit)
	return nil
}

// interrupt is ctrl+c in browse: it cancels a running flush, then quits
// like q (asking when spans are undelivered).
func (m *Model) interrupt() tea.Cmd {
	m.log.Cancel()
	return m.quit()
}

func (m *Model) exit() tea.Cmd {
	m.log.Cancel()
	m.quitting = true
	return tea.Quit
}

// receiverStarted adopts the receiver a command started, points the outbox
// at it and arms its update stream (the Received pane follows from now).
func (m *Model) receiverStarted(msg receiverStartedMsg) tea.Cmd {
	if msg.err != nil {
		m.setError(fmt.Errorf("the embedded receiver did not start: %w", msg.err))
		return nil
	}
	if err := m.session.UseReceiver(msg.receiver); err != nil {
		m.setError(err)
		return nil
	}
	m.received.refresh()
	endpointEditor{m.common}.changed()
	return waitReceived(m.session.Receiver())
}

// receiverNotes is what the embedded receiver says about where it listens
// (the default port was taken; reachable beyond loopback), for the status.
func receiverNotes(s *tracing.Session) string {
	r := s.Receiver()
	if r == nil || !s.Endpoint().Local {
		return ""
	}
	var out string
	for _, note := range []string{r.Moved, r.Warning} {
		if note != "" {
			out += " Note: " + note + "."
		}
	}
	return out
}
