package ui

import (
	"zipkin-playground/ui/pane"
)

// The delivery log's own keys: F and r start a flush it runs and records,
// esc cancels it.

// logOf is the delivery log, for the actions it does.
func logOf(m *Model) *pane.DeliveryLog { return m.log }
