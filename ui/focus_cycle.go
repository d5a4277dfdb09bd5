package ui

import tea "github.com/charmbracelet/bubbletea"

// focusCycle is tab: the keys move to the next pane of the focus ring, in
// the order the panes are placed on the screen.
type focusCycle struct {
	*common
	ring    []placement
	current component // the pane that has the keys now
}

// focusOf is the focus ring as the screen is laid out now, for tab.
func focusOf(m *Model) focusCycle {
	return focusCycle{m.common, m.screen.focusRing(), m.screen.focusedPane()}
}

// next gives the keys to the pane after the current one, and says which.
func (f focusCycle) next() tea.Cmd {
	for i, stop := range f.ring {
		if stop.c == f.current {
			next := f.ring[(i+1)%len(f.ring)]
			f.send(focusMsg{next.c})
			f.say("Focus: %s.", next.name)
			break
		}
	}
	return nil
}
