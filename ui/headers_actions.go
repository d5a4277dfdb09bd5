package ui

import (
	"zipkin-playground/ui/pane"
)

// The B3 headers pane's own keys: b cycles the format it shows, y copies
// what it shows.

// headersOf is the B3 headers pane, for the actions it does.
func headersOf(m *Model) *pane.Headers { return m.headers }
