package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// settingsActions are the keys that change the screen or the session's
// settings, and leave: b, tab, E, S, v, ?, q, ctrl+c.
func settingsActions(k *KeyMap) []action {
	return []action{
		{&k.B3, nil, with(headersOf, (*headersPane).cycle)},
		{&k.Tab, nil, with(focusOf, focusCycle.next)},
		{&k.Endpoint, nil, with(endpointOf, endpointEditor.edit)},
		{&k.Sampler, nil, opens(newSamplerPicker)},
		{&k.Reveal, hasSecrets, with(commonOf, (*common).toggleReveal)},
		{&k.Help, nil, with(helpOf, (*helpPane).open)},
		{&k.Quit, nil, with(quitterOf, (*quitter).quit)},
		{&k.Interrupt, nil, with(quitterOf, (*quitter).interrupt)},
	}
}

func hasSecrets(m *Model) string {
	if m.session.Endpoint().HasSecrets() || len(m.session.Config().Headers) > 0 || m.log.hidden {
		return ""
	}
	return "no secrets to hide: the endpoint has no token and no header values are set"
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
