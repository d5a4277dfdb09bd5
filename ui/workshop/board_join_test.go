package workshop

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestBoardKeepsHowToJoin: at 80×24 the board shows the whole host key
// fingerprint while nobody is connected, and the command attendees type
// and the join code stay on screen after a join has taken the note line.
func TestBoardKeepsHowToJoin(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "s3cret"})
	b := newBoard(s, make(chan string))
	b.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if view := b.View(); !strings.Contains(view, s.Fingerprint()) {
		t.Errorf("nobody connected, the board lacks the fingerprint %s:\n%s", s.Fingerprint(), view)
	}
	b.Update(logLineMsg("ann joined from 127.0.0.1:50000"))
	b.Update(rosterMsg{{Name: "ann"}})
	view := b.View()
	for _, want := range []string{s.sshCommand(), "code s3cret", "ann joined"} {
		if !strings.Contains(view, want) {
			t.Errorf("after a join, the board lacks %q:\n%s", want, view)
		}
	}
	if n := len(strings.Split(view, "\n")); n != 24 {
		t.Errorf("%d lines at 80×24", n)
	}
}
