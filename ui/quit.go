package ui

import (
	"zipkin-playground/ui/desk"
)

// quitterOf is the quitter, for the actions it does.
func quitterOf(m *Model) *desk.Quitter { return m.quitter }
