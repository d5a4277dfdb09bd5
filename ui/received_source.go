package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui/component"
)

// sourceActions is the Received pane's source switch.
func sourceActions(k *component.KeyMap) []action {
	return []action{{&k.Source, canSwitchSource, (*Model).switchSource}}
}

func canSwitchSource(m *Model) string {
	switch {
	case len(m.received.Backend.Traces) == 0:
		return "no trace read back from another backend yet: with a query URL ({Options}), {Verify} reads what Zipkin or Jaeger stored"
	case m.common.Session.Receiver() == nil:
		return "the embedded receiver does not run: the Received pane ({Tab}) shows the backend's traces"
	}
	return ""
}

// switchSource toggles the Received pane between the embedded receiver and
// the backend, and gives it the keys so it is in view.
func (m *Model) switchSource() tea.Cmd {
	v := m.received
	v.Source = 1 - v.Source
	v.Cursor, v.Offset = 0, 0
	v.Refresh()
	m.screen.focus(v)
	m.screen.resize(m.status)
	if v.ShowsBackend() {
		m.status = fmt.Sprintf("Received pane: what the %s backend stored, as verification read it back from %s.", component.KindNames[v.Backend.Kind], component.Safe(v.Backend.Query))
	} else {
		m.status = "Received pane: what the embedded receiver got."
	}
	m.statusBad = false
	return nil
}
