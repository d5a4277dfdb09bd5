package ui

import (
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
)

// newHelpPane is the help over the action table; reasons is the root's map
// of why a binding is disabled, kept current as the session changes.
func newHelpPane(c *component.Common, table []actionGroup, reasons map[*key.Binding]string, focused func() component.Component) *component.HelpPane {
	var groups []component.HelpSource
	for _, g := range table {
		src := component.HelpSource{Title: g.title}
		for _, a := range g.actions {
			src.Keys = append(src.Keys, a.binding)
		}
		groups = append(groups, src)
	}
	return component.NewHelpPane(c, groups, reasons, focused)
}

// helpOf is the help, for the action that opens it.
func helpOf(m *Model) *component.HelpPane { return m.helpView }
