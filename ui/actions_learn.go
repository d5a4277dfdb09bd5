package ui

import tea "github.com/charmbracelet/bubbletea"

// learnActions are the keys that teach: L (the guided tour, which the lesson
// pane runs) and i (explain what has focus).
func learnActions(k *KeyMap) []action {
	return []action{
		{&k.Learn, haveLessons, with(lessonOf, (*learnPane).toggle)},
		{&k.Explain, nil, opensWith((*Model).explainTarget, newExplainDialog)},
	}
}

// lessonOf is the lesson pane, for the action it does.
func lessonOf(m *Model) *learnPane { return m.lesson }

// haveLessons is L's guard: the lessons loaded.
func haveLessons(m *Model) string { return m.lesson.unavailable() }

// opensWith is an action that opens the dialog newDialog makes of what pick
// finds in the root (i: the explanation of what has focus).
func opensWith[T any, D dialog](pick func(*Model) T, newDialog func(*common, T) D) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd { m.openDialog(newDialog(m.common, pick(m)), modeDialog); return nil }
}
