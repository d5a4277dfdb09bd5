package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/desk"
)

// undoActions take back what was not meant: delete (the selected span and
// its subtree) and N (a new session: everything not sent), each after a
// question, and only what no collector may hold yet.
func undoActions(k *component.KeyMap) []action {
	return []action{
		{&k.Delete, needSelected, with(undoOf, desk.Undo.AskDelete)},
		{&k.NewSession, nil, with(undoOf, desk.Undo.AskNewSession)},
	}
}

// undoOf is the undo desk, for the actions it does.
func undoOf(m *Model) desk.Undo { return desk.NewUndo(m.common, m.tree) }
