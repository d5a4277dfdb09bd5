package ui

import (
	"zipkin-playground/ui/component"
)

// What i explains: the selected span field by field with its own values, or
// the focused pane and how to read it. Every sentence must be true of this
// app and of Zipkin.

// explainTarget is what i explains: the focused pane's own explanation, or
// the demo shop's words on one of its spans under the Received pane's
// cursor (the shop desk knows its services).
func (m *Model) explainTarget() component.Explanation {
	if s, trace, ok := m.received.CursorSpan(); ok && m.received.Focused() {
		if e, ok := m.shop.ExplainSpan(s, trace); ok {
			return e
		}
	}
	return m.screen.focusedPane().Explain()
}
