package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"
)

// learnActions are the keys that teach: L (the guided tour, which the lesson
// pane runs) and i (explain what has focus).
func learnActions(k *component.KeyMap) []action {
	return []action{
		{&k.Learn, haveLessons, with(lessonOf, (*pane.Learn).Toggle)},
		{&k.Explain, nil, opensWith((*Model).explainTarget, newExplainDialog)},
	}
}

// lessonOf is the lesson pane, for the action it does.
func lessonOf(m *Model) *pane.Learn { return m.lesson }

// haveLessons is L's guard: the lessons loaded.
func haveLessons(m *Model) string { return m.lesson.Unavailable() }

// opensWith is an action that opens the dialog newDialog makes of what pick
// finds in the root (i: the explanation of what has focus).
func opensWith[T any, D component.Dialog](pick func(*Model) T, newDialog func(*component.Common, T) D) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { m.openDialog(newDialog(m.common, pick(m)), modeDialog); return nil }
}
