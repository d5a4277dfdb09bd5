package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
)

// lessonDoneText is what the panel of lesson n (1-based) says once done,
// as the person under policy p sees it, its lines joined.
func lessonDoneText(t *testing.T, p Policy, n int) string {
	t.Helper()
	m := attendeeModel(t, p)
	m.GotoLesson(n)
	m.lesson.Tour.Passed[m.lesson.Tour.Current] = true
	return flat(strings.Join(m.lesson.Parts(60).Body, "\n"))
}

// TestAttendeeLessonsNameOnlyTheirKeys: lessons 9 and 10 tell the local
// playground to press E and tab to the Received pane; an attendee has
// neither (the endpoint and the receiver are the workshop's), so their
// text says what the workshop set instead.
func TestAttendeeLessonsNameOnlyTheirKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lesson      int
		local, them string
	}{
		{9, "Try one: E, ctrl+u", "Here E is off"},
		{10, "tab shows the Received pane", "on the presenter's board"},
	} {
		if v := lessonDoneText(t, Policy{}, tc.lesson); !strings.Contains(v, tc.local) {
			t.Errorf("lesson %d, local: no %q:\n%s", tc.lesson, tc.local, v)
		}
		v := lessonDoneText(t, attendeePolicy, tc.lesson)
		if strings.Contains(v, tc.local) || !strings.Contains(v, tc.them) {
			t.Errorf("lesson %d, attendee: want %q and not %q:\n%s", tc.lesson, tc.them, tc.local, v)
		}
	}
}

// TestAttendeeServiceMapDoesNotSendToH: the empty map tells the local
// playground to press H; an attendee's H is off, so the map says so.
func TestAttendeeServiceMapDoesNotSendToH(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p          Policy
		want, nope string
	}{
		{Policy{}, "H on a running CLIENT span calls the demo shop", "not available here"},
		{attendeePolicy, "not available here (set by the workshop)", "H on a running CLIENT span"},
	} {
		m := attendeeModel(t, tc.p)
		m, _ = press(t, m, "M")
		p, ok := m.dialog.(*component.ServiceMap)
		if !ok {
			t.Fatalf("M opened %T", m.dialog)
		}
		p.Loaded = true
		v := flat(m.View())
		if !strings.Contains(v, tc.want) || strings.Contains(v, tc.nope) {
			t.Errorf("locked %q: want %q, not %q:\n%s", tc.p.Locked, tc.want, tc.nope, v)
		}
	}
}
