package component

import (
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// ToggleReveal is v: secrets shown or masked on this screen.
func (c *Common) ToggleReveal() tea.Cmd {
	c.Reveal = !c.Reveal
	if c.Reveal {
		c.Say("Secrets revealed — press %s again before you share the screen.", KeyName(c.Keys.Reveal))
	} else {
		c.Say("Secrets masked.")
	}
	return nil
}

// ReceiverNotes is what the embedded receiver says about where it listens
// (the default port was taken; reachable beyond loopback), for the status.
func ReceiverNotes(s *tracing.Session) string {
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
