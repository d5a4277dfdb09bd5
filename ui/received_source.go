package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui/component"
)

// sourceActions is the Received pane's source switch.
func sourceActions(k *component.KeyMap) []action {
	return []action{{&k.Source, canSwitchSource, (*Model).switchSource}}
}

func canSwitchSource(m *Model) string {
	switch {
	case !m.received.HasBackendTraces():
		return "no trace read back from another backend yet: with a query URL ({Options}), {Verify} reads what Zipkin or Jaeger stored"
	case m.common.Session.Receiver() == nil:
		return "the embedded receiver does not run: the Received pane ({Tab}) shows the backend's traces"
	}
	return ""
}

// switchSource toggles the Received pane between the embedded receiver and
// the backend, and gives it the keys so it is in view.
func (m *Model) switchSource() tea.Cmd {
	said := m.received.SwitchSource()
	m.screen.focus(m.received)
	m.screen.resize(m.status)
	m.status, m.statusBad = said, false
	return nil
}
