package component

import tea "github.com/charmbracelet/bubbletea"

// FocusCycle is tab: the keys move to the next pane of the focus ring, in
// the order the panes are placed on the screen.
type FocusCycle struct {
	*Common
	Ring    []Placement
	Current Component // the pane that has the keys now
}

// Next gives the keys to the pane after the current one, and says which.
func (f FocusCycle) Next() tea.Cmd {
	for i, stop := range f.Ring {
		if stop.C == f.Current {
			next := f.Ring[(i+1)%len(f.Ring)]
			f.Send(FocusMsg{next.C})
			f.Say("Focus: %s.", next.Name)
			break
		}
	}
	return nil
}
