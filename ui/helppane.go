package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	"github.com/charmbracelet/bubbles/key"
)

// newHelpPane is the help over the action table; reasons is the root's map
// of why a binding is disabled, kept current as the session changes.
func newHelpPane(c *component.Common, table []actionGroup, reasons map[*key.Binding]string, focused func() component.Component) *pane.Help {
	var groups []pane.HelpSource
	for _, g := range table {
		src := pane.HelpSource{Title: g.title}
		for _, a := range g.actions {
			src.Keys = append(src.Keys, a.binding)
		}
		groups = append(groups, src)
	}
	return pane.NewHelp(c, groups, reasons, focused)
}

// helpOf is the help, for the action that opens it.
func helpOf(m *Model) *pane.Help { return m.helpView }
