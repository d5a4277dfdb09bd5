package workshop

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// flushOneSpan has the attendee build one span and flush it, and waits
// until it is verified.
func flushOneSpan(t *testing.T, sc *screen) {
	t.Helper()
	mark := len(sc.text())
	sc.press(t, "n")
	sc.waitFor(t, mark, "span name")
	sc.press(t, "\r", "f", "F")
	sc.waitFor(t, mark, "Verified")
}

func TestBoard(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	// ann is on the roster before bob dials, so she is its first row
	// (ctrl+n below picks her).
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	bob := playground(t, mustDial(t, s, "bob"), 80, 24)
	bob.waitFor(t, 0, "Welcome")
	flushOneSpan(t, ann)
	flushOneSpan(t, bob)
	waitUntil(t, "both verified on the roster", func() bool {
		a, _ := attendeeNamed(s, "ann")
		b, _ := attendeeNamed(s, "bob")
		return a.Progress.Verified == 1 && b.Progress.Verified == 1
	})

	b := newBoard(s, make(chan string))
	b.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	b.Update(rosterMsg(s.Attendees()))
	view := b.View()
	lines := strings.Split(view, "\n")
	if len(lines) != 24 {
		t.Errorf("the board is %d lines at 80×24", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, w, l)
		}
	}
	for _, want := range []string{"2/10 connected", "ann ", "bob "} {
		if !strings.Contains(view, want) {
			t.Errorf("the board lacks %q:\n%s", want, view)
		}
	}
	// Both attendees' traces are listed in Received (the top bar keeps every
	// field, so at 80×24 the newest one is open and the other is its row).
	if n := strings.Count(view, " · 1 span · "); n != 2 || !strings.Contains(view, "operation bob") && !strings.Contains(view, "operation ann") {
		t.Errorf("the board lists %d of the 2 attendees' traces:\n%s", n, view)
	}

	b.Update(tea.KeyMsg{Type: tea.KeyCtrlN}) // the first attendee: ann
	if view := b.View(); !strings.Contains(view, "operation ann") || strings.Contains(view, "operation bob") {
		t.Errorf("ann selected, the board shows:\n%s", view)
	}
	b.Update(tea.KeyMsg{Type: tea.KeyCtrlA})
	if view := b.View(); !strings.Contains(view, "operation bob") {
		t.Errorf("everyone again, the board shows:\n%s", view)
	}

	mark := len(bob.text())
	for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlL}, {Type: tea.KeyRunes, Runes: []rune("2")}, {Type: tea.KeyEnter}} {
		b.Update(k)
	}
	bob.waitFor(t, mark, "Lesson 2/")
	if !strings.Contains(b.View(), "Moved everyone's tour to lesson 2") {
		t.Errorf("the board does not say what it did:\n%s", b.View())
	}
}

func TestBoardKeepsTheSelectedAttendeeInView(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{MaxAttendees: 50})
	b := newBoard(s, make(chan string))
	b.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var people rosterMsg
	for i := range 12 {
		people = append(people, AttendeeView{Name: fmt.Sprintf("attendee-%02d", i)})
	}
	b.Update(people)
	rows := b.rosterRows()
	for i := range people {
		b.Update(tea.KeyMsg{Type: tea.KeyCtrlN})
		view := b.View()
		if !strings.Contains(view, people[i].Name+" ") {
			t.Fatalf("attendee %d selected, not on the board:\n%s", i, view)
		}
		if !strings.Contains(view, "more (ctrl+n/ctrl+p scroll)") {
			t.Errorf("%d attendees in %d rows, and no word of the others", len(people), rows)
		}
		if n := len(strings.Split(view, "\n")); n != 24 {
			t.Fatalf("%d lines at 80×24", n)
		}
	}
}

func TestClosingTheWorkshopSaysGoodbye(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	ann.waitFor(t, 0, "The workshop has ended")
}
