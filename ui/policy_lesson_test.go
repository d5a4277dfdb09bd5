package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/pane"
)

// TestGotoLessonLaysOutThatLesson: moved to a lesson from outside (the
// workshop's presenter), the panel at 80×24 shows all of that lesson's
// "Do" and its progress line, not a layout measured for the screen before
// (two finished spans in the tree, a status of three lines).
func TestGotoLessonLaysOutThatLesson(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "n", "enter", "c", "enter", "f", "up", "f")
	lessons, err := pane.BuiltinLessons()
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for j, l := range lessons {
		if strings.Contains(l.Do, "card declined") {
			i = j
		}
	}
	if i < 0 {
		t.Fatal("no lesson asks for the card declined error")
	}
	// As after a read-back: a status of three lines takes room from the panes.
	m.setStatus("%s", strings.Repeat("A status long enough to wrap over three lines at eighty columns. ", 3))
	m.screen.resize(m.status)
	m.GotoLesson(i + 1)
	view := m.View()
	for _, want := range []string{"declined", "○ waiting"} {
		if !strings.Contains(view, want) {
			t.Errorf("lesson %d from outside lacks %q:\n%s", i+1, want, view)
		}
	}
}
