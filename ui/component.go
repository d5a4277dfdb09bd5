package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// component is the contract of every pane and dialog (soft-serve's
// common.Component): the root sizes it, routes keys to it when it has focus,
// routes the asynchronous results it owns to it, and draws it.
type component interface {
	// Update handles one message and returns the component (itself: panes
	// are pointers shared with the root's fields) and its command.
	Update(tea.Msg) (component, tea.Cmd)
	// View draws the content, without the box the root puts around it.
	View() string
	// SetSize sets the inner size available to View.
	SetSize(w, h int)
	// ShortHelp and FullHelp are the keys the component handles itself.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Title names the component in its box.
	Title() string
	// Explain is what i says of the component and what it shows.
	Explain() explanation
	Focus()
	Blur()
	Focused() bool
}

// dialog is a component that takes every key while it is open and says when
// it is done (accepted or cancelled).
type dialog interface {
	component
	Closed() bool
}

// paneBase is what every component embeds: the shared context, the size and
// the focus flag.
type paneBase struct {
	*common
	width, height int
	focused       bool
}

// SetSize sets the inner size.
func (p *paneBase) SetSize(w, h int) { p.width, p.height = w, h }

// Focus gives the component the keys.
func (p *paneBase) Focus() { p.focused = true }

// Blur takes the keys away.
func (p *paneBase) Blur() { p.focused = false }

// Focused says whether the component has the keys.
func (p *paneBase) Focused() bool { return p.focused }

// Explain is nothing to explain; panes override it.
func (p *paneBase) Explain() explanation { return explanation{} }

// ShortHelp is no keys; components that handle keys override it.
func (p *paneBase) ShortHelp() []key.Binding { return nil }

// FullHelp is no keys; components that handle keys override it.
func (p *paneBase) FullHelp() [][]key.Binding { return nil }

// navKeys are the movement keys the scrolling panes handle.
func navKeys(k *KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// with is an action that a component does: pick finds it in the root.
func with[T any](pick func(*Model) T, do func(T) tea.Cmd) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { return do(pick(m)) }
}

// opens is an action that opens the dialog newDialog makes.
func opens(newDialog func(*common) dialog) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { m.openDialog(newDialog(m.common), modeDialog); return nil }
}

// commonOf is the shared context, for the actions on what every component
// shares (v reveals secrets on the whole screen).
func commonOf(m *Model) *common { return m.common }

// treeOf is the span tree, for the actions it does.
func treeOf(m *Model) *treePane { return m.tree }

// update gives msg to c and returns the component its Update returned (the
// same concrete type; c itself if it returned another).
func update[T component](c T, msg tea.Msg) (T, tea.Cmd) {
	next, cmd := c.Update(msg)
	if t, ok := next.(T); ok {
		return t, cmd
	}
	return c, cmd
}

// handles reports whether msg is one of c's keys.
func handles(c component, msg tea.KeyMsg) bool {
	for _, group := range c.FullHelp() {
		for _, b := range group {
			if key.Matches(msg, b) {
				return true
			}
		}
	}
	return false
}
