package ui

import (
	"zipkin-playground/ui/component"
)

// focusOf is the focus ring as the screen is laid out now, for tab.
func focusOf(m *Model) component.FocusCycle {
	return component.NewFocusCycle(m.common, m.screen.focusRing(), m.screen.focusedPane())
}
