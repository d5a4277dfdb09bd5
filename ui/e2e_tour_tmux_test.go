//go:build e2e

package ui

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"zipkin-playground/ui/component"
)

// tmuxKeyNames are tourSteps' named keys as tmux send-keys spells them.
var tmuxKeyNames = map[string]string{"enter": "Enter", "tab": "Tab", "up": "Up", "down": "Down"}

// tourWire is what a lesson's keys must show besides its result: in lesson
// 11 the demo shop answered over real HTTP (the delivery log's request line)
// and the unsampled call's status.
var tourWire = map[int][]string{
	10: {"H  GET http://127.0.0.1:", "/order  → HTTP 200 OK", "gateway answered 200."},
}

// TestTmuxTourAt80x24 follows the whole tour in the built binary, in an 80×24
// terminal without colour, against the embedded receiver (and, in lesson 11,
// the demo shop), every trace sampled: at each lesson's start its title and "Do:" line are on
// screen; after its keys (tourSteps, as TestTourAt80x24 presses them) every
// line of "What just happened" is reached by tab to the lesson and j, as a
// reader would.
func TestTmuxTourAt80x24(t *testing.T) {
	bin := buildBinary(t)
	ref, _ := press(t, newModel(t, 80, 24), "L") // the same lessons, wrapped as the binary wraps them
	lessons, width := ref.lesson.Tour.Lessons, ref.lesson.Width
	// Every trace sampled, as in TestTourAt80x24's session: lesson 7's keys
	// move the sampler picker from always down to never.
	ts := startTmux(t, "env NO_COLOR=1 "+bin+" --listen 127.0.0.1:0 --sampler always")
	ts.tmux("resize-window", "-t", "z", "-x", "80", "-y", "24")
	ts.waitFor("Welcome")
	ts.keys("L")
	for i, steps := range tourSteps {
		l := lessons[i]
		start := append([]string{fmt.Sprintf("Lesson %d/%d", i+1, len(lessons))}, component.Wrap(l.Title, width)...)
		ts.waitForAll(fmt.Sprintf("lesson %d at its start", i+1), append(start, component.Wrap("Do: "+l.Do, width)...))
		for _, k := range steps {
			ts.press(k)
		}
		ts.waitForAll(fmt.Sprintf("lesson %d done", i+1), append([]string{"What just happened"}, tourWire[i]...))
		ts.readLesson(i+1, component.Wrap(l.Done, width))
		ts.keys("]")
	}
}

// buildBinary builds the binary the tmux tests drive.
func buildBinary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "zipkin-playground")
	if out, err := exec.Command("go", "build", "-o", bin, "zipkin-playground").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// press sends one of tourSteps' keys: a named key by its tmux name, a
// character as itself (a space too).
func (ts *tmuxSession) press(k string) {
	if name, ok := tmuxKeyNames[k]; ok {
		ts.tmux("send-keys", "-t", "z", name)
	} else {
		ts.tmux("send-keys", "-t", "z", "-l", k)
	}
	time.Sleep(50 * time.Millisecond)
}

// waitForAll polls the screen until it shows every line of wants.
func (ts *tmuxSession) waitForAll(what string, wants []string) string {
	ts.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = ts.screen()
		if missing(screen, wants) == nil {
			return screen
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.t.Fatalf("%s: the screen never showed %q:\n%s", what, missing(screen, wants), screen)
	return ""
}

func missing(screen string, wants []string) []string {
	var out []string
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			out = append(out, w)
		}
	}
	return out
}

// readLesson gives the lesson the keys (tab until its title has the focus
// mark), scrolls it with j until every line of wants has been on screen or
// j moves nothing, and gives the keys back to the span tree.
func (ts *tmuxSession) readLesson(n int, wants []string) {
	ts.t.Helper()
	ts.tabTo("▸ Lesson")
	seen := map[string]bool{}
	screen := ts.screen()
	for range 30 {
		for _, w := range wants {
			seen[w] = seen[w] || strings.Contains(screen, w)
		}
		if len(seen) == len(wants) && !hasFalse(seen) {
			break
		}
		ts.press("j")
		next := ts.changed(screen)
		if next == screen {
			break // the end of the lesson
		}
		screen = next
	}
	for _, w := range wants {
		if !seen[w] {
			ts.t.Errorf("lesson %d: %q of what just happened cannot be reached; last screen:\n%s", n, w, screen)
		}
	}
	ts.tabTo("▸ Spans")
}

func hasFalse(m map[string]bool) bool {
	for _, v := range m {
		if !v {
			return true
		}
	}
	return false
}

// changed waits up to a second for the screen to differ from before and
// returns it as it is then.
func (ts *tmuxSession) changed(before string) string {
	s := before
	for range 10 {
		if s = ts.screen(); s != before {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s
}

// tabTo presses tab until the screen shows title (a pane's focused title).
func (ts *tmuxSession) tabTo(title string) {
	ts.t.Helper()
	for range 8 {
		if strings.Contains(ts.screen(), title) {
			return
		}
		ts.press("tab")
		time.Sleep(100 * time.Millisecond)
	}
	ts.t.Fatalf("tab never showed %q:\n%s", title, ts.screen())
}
