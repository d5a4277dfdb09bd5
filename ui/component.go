package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"
)

// with is an action that a component does: pick finds it in the root.
func with[T any](pick func(*Model) T, do func(T) tea.Cmd) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { return do(pick(m)) }
}

// opens is an action that opens the dialog newDialog makes.
func opens(newDialog func(*component.Common) component.Dialog) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { m.openDialog(newDialog(m.common), modeDialog); return nil }
}

// commonOf is the shared context, for the actions on what every component
// shares (v reveals secrets on the whole screen).
func commonOf(m *Model) *component.Common { return m.common }

// treeOf is the span tree, for the actions it does.
func treeOf(m *Model) *pane.Tree { return m.tree }

// update gives msg to c and returns the component its Update returned (the
// same concrete type; c itself if it returned another).
func update[T component.Component](c T, msg tea.Msg) (T, tea.Cmd) {
	next, cmd := c.Update(msg)
	if t, ok := next.(T); ok {
		return t, cmd
	}
	return c, cmd
}
