package ui

import (
	"zipkin-playground/ui/component"
)

// quitterOf is the quitter, for the actions it does.
func quitterOf(m *Model) *component.Quitter { return m.quitter }
