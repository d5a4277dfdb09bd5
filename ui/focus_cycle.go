package ui

import (
	"zipkin-playground/ui/component"
)

// focusOf is the focus ring as the screen is laid out now, for tab.
func focusOf(m *Model) component.FocusCycle {
	return component.FocusCycle{Common: m.common, Ring: m.screen.focusRing(), Current: m.screen.focusedPane()}
}
