package ui

import (
	"zipkin-playground/ui/component"
)

func newExplainDialog(c *component.Common, e component.Explanation) *component.ExplainDialog {
	return component.NewExplainDialog(c, e, glossary())
}
