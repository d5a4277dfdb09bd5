package workshop

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui"
)

// typeLesson presses ctrl+l, the digits of n and enter on the board.
func typeLesson(b *board, n int) {
	b.Update(tea.KeyMsg{Type: tea.KeyCtrlL})
	for _, r := range fmt.Sprint(n) {
		b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	b.Update(tea.KeyMsg{Type: tea.KeyEnter})
}

// TestBoardLessonPastTheLastSaysSo: "everyone to lesson 99" in a tour of
// ten does not claim to have moved anyone there; the prompt says the range,
// and a lesson in it still moves everyone.
func TestBoardLessonPastTheLastSaysSo(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	b := newBoard(s, make(chan string))
	b.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	last := ui.Lessons()

	b.Update(tea.KeyMsg{Type: tea.KeyCtrlL})
	if want := fmt.Sprintf("lesson (1 to %d)", last); !strings.Contains(b.View(), want) {
		t.Errorf("the prompt does not say %q:\n%s", want, b.View())
	}
	b.Update(tea.KeyMsg{Type: tea.KeyEsc})

	typeLesson(b, 99)
	view := b.View()
	if strings.Contains(view, "Moved") || !strings.Contains(view, fmt.Sprintf("There is no lesson 99: the tour has lessons 1 to %d.", last)) {
		t.Errorf("lesson 99 of %d, the board says:\n%s", last, view)
	}

	mark := len(ann.text())
	typeLesson(b, last)
	ann.waitFor(t, mark, fmt.Sprintf("Lesson %d/%d", last, last))
	if want := fmt.Sprintf("Moved everyone's tour to lesson %d of %d.", last, last); !strings.Contains(b.View(), want) {
		t.Errorf("the board does not say %q:\n%s", want, b.View())
	}
	if strings.Contains(ann.text()[mark:], "Lesson 99") {
		t.Error("the attendee saw lesson 99")
	}
}
