package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"
)

// optionActions are O (options), p (payload preview) and y (copy the B3
// headers).
func optionActions(k *component.KeyMap) []action {
	return []action{
		{&k.Options, nil, opens(dialog.NewOptions)},
		{&k.Preview, needSelection, with(treeOf, (*pane.Tree).Preview)},
		{&k.Copy, needSelection, with(headersOf, (*pane.Headers).Copy)},
	}
}

func needSelection(m *Model) string {
	if m.tree.Selected() == nil {
		return "no span selected: press {NewTrace} to start a trace"
	}
	return ""
}
