package ui

import (
	"zipkin-playground/ui/pane"
)

// focusOf is the focus ring as the screen is laid out now, for tab.
func focusOf(m *Model) pane.FocusCycle {
	return pane.NewFocusCycle(m.common, m.screen.focusRing(), m.screen.focusedPane())
}
