package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
)

// tourSteps are the keys that do each lesson, as a reader following the
// "Do:" lines would press them (enter on an empty prompt takes the example).
var tourSteps = [][]string{
	append(append([]string{"n"}, strings.Split("GET /checkout", "")...), "enter"),
	{"c", "enter"},
	{"f"},
	{"t", "enter", "e", "enter"},
	{"K", "n", "enter", "R", "enter", "K", "K", "c", "enter"},
	{"K", "K", "K", "n", "enter", "K", "K", "K", "K", "c", "enter"},
	{"S", "down", "enter", "n", "enter", "D", "enter"},
	{"b", "P", "enter"},
	{"f", "F"},
	{"V"},
	// The sampler is "never" since lesson 7: always first, then the call
	// sampled, then never and the call unsampled.
	{"S", "up", "enter", "K", "n", "enter", "H", "enter", "S", "down", "enter", "K", "n", "enter", "H", "enter"},
}

// TestTourAt80x24 walks the whole tour at 80×24 as a presenter would: at the
// start of each lesson its title and its whole "Do:" line are on screen;
// once done, every line of "What just happened" can be reached by giving the
// lesson the keys (tab) and scrolling it (j). Each screen is kept as a
// golden (IDs, port, times and sizes normalised).
func TestTourAt80x24(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	// A running span shows its age, and a longer age text leaves its name
	// less room: a screen's clock fixed 50 s after the start keeps every age
	// between 10 and 50 s, the same width however slowly the machine runs
	// the test.
	began := time.Now()
	m.common.Now = func() time.Time { return began.Add(50 * time.Second) }
	m, _ = press(t, m, "L")
	if len(tourSteps) != len(m.lesson.Tour.Lessons) {
		t.Fatalf("%d steps for %d lessons", len(tourSteps), len(m.lesson.Tour.Lessons))
	}
	for i, keys := range tourSteps {
		l := m.lesson.Tour.Lessons[i]
		w := m.lesson.Width
		view := m.View()
		for _, want := range append(component.Wrap(l.Title, w), component.Wrap("Do: "+l.Do, w)...) {
			if !strings.Contains(view, want) {
				t.Errorf("lesson %d at its start: %q is not on screen:\n%s", i+1, want, view)
			}
		}
		shown := 0
		for _, line := range component.Wrap(l.Teach, w) {
			if strings.Contains(view, line) {
				shown++
			}
		}
		if shown < 3 {
			t.Errorf("lesson %d at its start: %d rows of its text on screen, want 3 at least:\n%s", i+1, shown, view)
		}
		checkGolden(t, fmt.Sprintf("lesson%02d-start-80x24", i+1), normalScreen(bodyOf(m, view)))
		for _, k := range keys {
			var cmd tea.Cmd
			m, cmd = press(t, m, k)
			m = settle(t, m, cmd)
			fixLogClock(m)
		}
		if !m.lesson.Tour.Passed[i] {
			t.Fatalf("lesson %d is not done after %q:\n%s", i+1, keys, m.View())
		}
		view = m.View()
		if !strings.Contains(view, "What just happened") {
			t.Errorf("lesson %d done: no \"What just happened\" on screen:\n%s", i+1, view)
		}
		checkGolden(t, fmt.Sprintf("lesson%02d-done-80x24", i+1), normalScreen(bodyOf(m, view)))
		seen := scrollLesson(t, m)
		for _, want := range component.Wrap(l.Done, m.lesson.Width) {
			if !strings.Contains(seen, want) {
				t.Errorf("lesson %d: %q of what just happened cannot be reached:\n%s", i+1, want, seen)
			}
		}
		m, _ = press(t, m, "]")
	}
}

// bodyOf is the screen without its status and help lines: their wrap
// follows durations, and other tests check them.
func bodyOf(m *Model, view string) string {
	lines := strings.Split(view, "\n")
	return strings.Join(lines[:len(lines)-m.screen.layout().StatusH-1], "\n")
}

// fixLogClock gives the delivery log's results a fixed time, latency and
// size, so where its lines wrap does not change from run to run.
func fixLogClock(m *Model) {
	for _, e := range m.log.Entries {
		if e.Result != nil {
			e.Result.At, e.Result.Latency, e.Result.Bytes = t0, 2*time.Millisecond, 900
		}
	}
}

// scrollLesson gives the lesson the keys, scrolls it to its end and gives
// the keys back to the tree; it returns every screen seen on the way.
func scrollLesson(t *testing.T, m *Model) string {
	t.Helper()
	for range 8 {
		if m.lesson.Focused() {
			break
		}
		m, _ = press(t, m, "tab")
	}
	if !m.lesson.Focused() {
		t.Fatal("tab never gives the lesson the keys")
	}
	var seen strings.Builder
	for range 20 {
		seen.WriteString(m.View() + "\n")
		m, _ = press(t, m, "j")
	}
	for range 8 {
		if m.tree.Focused() {
			break
		}
		m, _ = press(t, m, "tab")
	}
	return seen.String()
}

var (
	portRE     = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	durationRE = regexp.MustCompile(`\d+(\.\d+)?(µs|ms|s)\b`)
	clockRE    = regexp.MustCompile(`\d\d:\d\d:\d\d(\.\d+)?`)
	bytesRE    = regexp.MustCompile(`\d+ B\b`)
	spacesRE   = regexp.MustCompile(` {2,}`)
	padRE      = regexp.MustCompile(` +([│┃])`)
)

// normalScreen is a screen with what changes from run to run made stable:
// IDs, the receiver's port, durations, clock times and payload sizes (the
// padding they leave is collapsed, so a wider duration moves nothing).
func normalScreen(s string) string {
	s = normalIDs(s)
	s = portRE.ReplaceAllString(s, "127.0.0.1:PORT")
	s = durationRE.ReplaceAllString(s, "DUR")
	s = clockRE.ReplaceAllString(s, "hh:mm:ss")
	s = bytesRE.ReplaceAllString(s, "N B")
	s = spacesRE.ReplaceAllString(s, " ")
	return padRE.ReplaceAllString(s, "$1")
}
