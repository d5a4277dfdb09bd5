package component

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Component is the contract of every pane and dialog (soft-serve's
// common.Component): the root sizes it, routes keys to it when it has focus,
// routes the asynchronous results it owns to it, and draws it.
type Component interface {
	// Update handles one message and returns the component (itself: panes
	// are pointers shared with the root's fields) and its command.
	Update(tea.Msg) (Component, tea.Cmd)
	// View draws the content, without the box the root puts around it.
	View() string
	// SetSize sets the inner size available to View.
	SetSize(w, h int)
	// ShortHelp and FullHelp are the keys the component handles itself.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Title names the component in its box.
	Title() string
	Focus()
	Blur()
	Focused() bool
}

// Pane is a component with a place on the screen: i explains it and what
// it shows, so every pane must say something (there is no default).
type Pane interface {
	Component
	// Explain is what i says of the pane and what it shows.
	Explain() Explanation
}

// Dialog is a component that takes every key while it is open and says when
// it is done (accepted or cancelled).
type Dialog interface {
	Component
	Closed() bool
}

// Owner is a pane with asynchronous messages of its own: the root hands it
// every message it owns, whatever has focus, with no case of its own.
type Owner interface {
	Owns(tea.Msg) bool
}

// PaneBase is what every component embeds: the shared context, the size and
// the focus flag.
type PaneBase struct {
	*Common
	Width, Height int
	focused       bool
}

// SetSize sets the inner size.
func (p *PaneBase) SetSize(w, h int) { p.Width, p.Height = w, h }

// Focus gives the component the keys.
func (p *PaneBase) Focus() { p.focused = true }

// Blur takes the keys away.
func (p *PaneBase) Blur() { p.focused = false }

// Focused says whether the component has the keys.
func (p *PaneBase) Focused() bool { return p.focused }

// ShortHelp is no keys; components that handle keys override it.
func (p *PaneBase) ShortHelp() []key.Binding { return nil }

// FullHelp is no keys; components that handle keys override it.
func (p *PaneBase) FullHelp() [][]key.Binding { return nil }

// NavKeys are the movement keys the scrolling panes handle.
func NavKeys(k *KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Handles reports whether msg is one of c's keys.
func Handles(c Component, msg tea.KeyMsg) bool {
	for _, group := range c.FullHelp() {
		for _, b := range group {
			if key.Matches(msg, b) {
				return true
			}
		}
	}
	return false
}
