package pane

import (
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
)

// FocusCycle is tab: the keys move to the next pane of the focus ring, in
// the order the panes are placed on the screen.
type FocusCycle struct {
	*component.Common
	ring    []component.Placement
	current component.Component // the pane that has the keys now
}

// Next gives the keys to the pane after the current one, and says which.
func (f FocusCycle) Next() tea.Cmd {
	for i, stop := range f.ring {
		if stop.C == f.current {
			next := f.ring[(i+1)%len(f.ring)]
			f.Send(component.FocusMsg{C: next.C})
			f.Say("Focus: %s.", next.Name)
			break
		}
	}
	return nil
}

// NewFocusCycle is tab over ring, current having the keys now.
func NewFocusCycle(c *component.Common, ring []component.Placement, current component.Component) FocusCycle {
	return FocusCycle{Common: c, ring: ring, current: current}
}
