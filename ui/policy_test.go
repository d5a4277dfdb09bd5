package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/dialog"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
)

var attendeePolicy = Policy{Locked: "set by the workshop", NoFiles: "off in a workshop", MaxSpans: 2}

// attendeeModel is a playground under the workshop's policy, its endpoint
// carrying a token and a header a presenter would not show.
func attendeeModel(t *testing.T, p Policy) *Model {
	t.Helper()
	s := newSession(t, func(c *tracing.Config) {
		c.Endpoint = "http://127.0.0.1:1/tok3n-s3cret/api/v2/spans"
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer hunter2"}}
	})
	m := New(s, WithPolicy(p))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

func TestPolicyLocksTheWorkshopsSettings(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"E", "v", "w", "x"} {
		m := attendeeModel(t, attendeePolicy)
		if k == "w" || k == "x" {
			m = typeText(t, m, "n")
			m, _ = press(t, m, "enter")
		}
		m, _ = press(t, m, k)
		want := "set by the workshop"
		if k == "w" || k == "x" {
			want = "off in a workshop"
		}
		// A key that opens a prompt opens it with the refusal (typing then
		// runs no command); any other shows the refusal alone.
		if m.dialog != nil && !isRefusal(m, want) || !m.statusBad || m.status != want {
			t.Errorf("%s: dialog %T, status %q (bad %v), want %q", k, m.dialog, m.status, m.statusBad, want)
		}
		if m.common.Reveal {
			t.Errorf("%s revealed the secrets", k)
		}
		if view := m.View(); strings.Contains(view, "s3cret") || strings.Contains(view, "hunter2") {
			t.Errorf("%s: a secret is on screen:\n%s", k, view)
		}
	}
}

// TestPolicyOptionRowsRefuseEdits: under the workshop's policy enter on a
// row it holds opens nothing and says why; without a policy it opens the
// prompt.
func TestPolicyOptionRowsRefuseEdits(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	m, _ = press(t, m, "O")
	selectOption(t, m, "endpoint")
	m, _ = press(t, m, "enter")
	if promptOf(m) != nil || !strings.Contains(m.status, "set by the workshop") {
		t.Errorf("enter on the endpoint row: prompt %v, status %q", promptOf(m) != nil, m.status)
	}
	if view := m.View(); strings.Contains(view, "s3cret") || strings.Contains(view, "hunter2") {
		t.Errorf("a secret is on screen:\n%s", view)
	}
	// The playground without a policy still changes them.
	local := attendeeModel(t, Policy{})
	local, _ = press(t, local, "O")
	selectOption(t, local, "endpoint")
	if local, _ = press(t, local, "enter"); promptOf(local) == nil {
		t.Errorf("without a policy the endpoint row opens no prompt (status %q)", local.status)
	}
}

func TestPolicyOpensBuiltinExamplesOnly(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	m, _ = press(t, m, "o")
	d, ok := m.dialog.(*dialog.List)
	if !ok {
		t.Fatalf("o opened %T (status %q)", m.dialog, m.status)
	}
	for _, it := range d.Items {
		if strings.HasPrefix(it.Label, "a file") {
			t.Errorf("an attendee is offered %q", it.Label)
		}
	}
	if len(d.Items) == 0 {
		t.Error("no built-in example offered")
	}
}

func TestPolicyHelpListsTheLockedKeysWithTheReason(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	m, _ = press(t, m, "?")
	view := m.View()
	for _, want := range []string{"set by the workshop", "off in a workshop"} {
		if !strings.Contains(view, want) {
			t.Errorf("the help does not say %q:\n%s", want, view)
		}
	}
	if reason := m.reasons[&m.common.Keys.Endpoint]; reason != "set by the workshop" {
		t.Errorf("E's reason: %q", reason)
	}
}

func TestPolicySpanBudget(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	for range 2 {
		m, _ = press(t, m, "n")
		m, _ = press(t, m, "enter")
	}
	m, _ = press(t, m, "n")
	if !isRefusal(m, "limit per attendee") || !strings.Contains(m.status, "limit per attendee") {
		t.Errorf("past the budget: dialog %T, status %q", m.dialog, m.status)
	}
	if n := m.Progress().Spans; n != 2 {
		t.Errorf("Progress().Spans = %d, want 2", n)
	}
}

func TestGotoLessonOpensTheTourThere(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	m.GotoLesson(3)
	if m.mode != modeBrowse || !m.lesson.Active() || lessonAt(t, m) != 3 {
		t.Fatalf("mode %v, lesson %d", m.mode, lessonAt(t, m))
	}
	m, _ = press(t, m, "L") // the attendee can still leave it
	if m.mode != modeBrowse || m.lesson.Active() || lessonAt(t, m) != 3 {
		t.Errorf("after L: mode %v, lesson %d", m.mode, lessonAt(t, m))
	}
	m.GotoLesson(999) // clamped
	if n := lessonCount(t); lessonAt(t, m) != n {
		t.Errorf("lesson 999 went to %d", lessonAt(t, m))
	}
}
