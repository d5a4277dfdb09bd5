package workshop

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// pressQ presses q on the board and says whether it quit.
func pressQ(b *board, k string) bool {
	_, cmd := b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	if cmd == nil {
		return false
	}
	_, quit := cmd().(tea.QuitMsg)
	return quit
}

// TestBoardQuitAsksWhileAttendeesPlay: q on the board ends every
// attendee's session, so with someone connected it asks first; n keeps
// the workshop going, and with nobody left q quits at once.
func TestBoardQuitAsksWhileAttendeesPlay(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	b := newBoard(s, make(chan string))
	b.Update(tea.WindowSizeMsg{Width: 80, Height: 24})

	if pressQ(b, "q") {
		t.Fatal("q quit the workshop with ann connected, without asking")
	}
	if want := "1 connected: quitting ends the workshop for them — quit anyway? (y/n)"; !strings.Contains(b.View(), want) {
		t.Errorf("the board does not ask %q:\n%s", want, b.View())
	}
	if pressQ(b, "n") {
		t.Fatal("n quit the workshop")
	}
	if view := b.View(); !strings.Contains(view, "Not quitting.") || strings.Contains(view, "F flushes") {
		t.Errorf("n with nothing queued, the board says:\n%s", view)
	}
	if pressQ(b, "q"); !pressQ(b, "y") {
		t.Error("q then y did not quit")
	}

	empty := newBoard(startWorkshop(t, Options{}), make(chan string))
	empty.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !pressQ(empty, "q") {
		t.Error("q with nobody connected did not quit at once")
	}
}
