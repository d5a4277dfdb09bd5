package ui

import (
	"zipkin-playground/ui/component"
)

func newExplainDialog(c *component.Common, e component.Explanation) *component.ExplainDialog {
	return &component.ExplainDialog{PaneBase: component.PaneBase{Common: c}, Pages: [2]component.Explanation{e.WithKeys(c.Keys), glossary().WithKeys(c.Keys)}}
}
