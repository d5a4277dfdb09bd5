package ui

import (
	"fmt"
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	"github.com/charmbracelet/bubbles/key"
)

// Every lesson loads and asks only for keys the app has (a check that does
// not exist is refused as they load: ui/pane's tests).
func TestLessonsAreValidData(t *testing.T) {
	t.Parallel()
	ls, err := pane.BuiltinLessons()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 10 {
		t.Fatalf("want at least the issue's 10 lessons, have %d", len(ls))
	}
	known := map[string]bool{"enter": true, "esc": true}
	km := component.DefaultKeyMap()
	for _, b := range allBindings(&km) {
		for _, k := range b.Keys() {
			known[k] = true
		}
	}
	for i, l := range ls {
		for _, k := range l.Keys {
			if !known[k] {
				t.Errorf("lesson %d %q asks for %q, which no binding has", i+1, l.Title, k)
			}
		}
	}
}

func allBindings(k *component.KeyMap) []key.Binding {
	var out []key.Binding
	for _, g := range actionTable(k) {
		for _, a := range g.actions {
			out = append(out, *a.binding)
		}
	}
	return append(out, component.NavKeys(k)...)
}

// The whole tour by direct Update calls: each lesson's check passes when its
// keys are pressed, and not before (nor from what earlier lessons left).
func TestTourEachLessonPassesWhenDoneAndNotBefore(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "L")
	if m.mode != modeBrowse || !m.lesson.Active() {
		t.Fatalf("L must enter learn mode, mode=%v", m.mode)
	}
	// before: groups of keys that must not complete the lesson; do: the
	// keys that complete it.
	steps := []struct {
		before [][]string
		do     []string
	}{
		{nil, []string{"n", "enter"}},
		{nil, []string{"c", "enter"}},
		{nil, []string{"f"}},
		{[][]string{{"n", "enter"}, {"t", "type:http.method=GET", "enter"}}, []string{"e", "type:card declined", "enter"}},
		{[][]string{{"K", "n", "enter"}, {"R", "type:payments 10.0.0.7:8080", "enter"}}, []string{"K", "K", "c", "enter"}},
		{[][]string{{"K", "K", "K", "n", "enter"}}, []string{"K", "K", "K", "K", "c", "enter"}},
		{[][]string{{"S", "down", "enter"}, {"n", "enter"}}, []string{"D", "enter"}},
		{[][]string{{"b"}}, []string{"P", "type:b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", "enter"}},
		{nil, []string{"F"}},
		{[][]string{{"b"}, {"tab"}}, []string{"V"}},
		// The sampler is still never (lesson 7): an unsampled call alone is not enough.
		{[][]string{{"K", "n", "enter", "H", "shop:enter"}}, []string{"S", "up", "enter", "K", "n", "enter", "H", "shop:enter"}},
	}
	if n := lessonCount(t); len(steps) != n {
		t.Fatalf("the test covers %d lessons, the tour has %d", len(steps), n)
	}
	for i, st := range steps {
		if at := lessonAt(t, m); at != i+1 {
			t.Fatalf("at lesson %d, want %d", at, i+1)
		}
		if lessonDone(m) {
			t.Fatalf("lesson %d is done before anything was pressed", i+1)
		}
		for _, group := range st.before {
			m = pressAll(t, m, group)
			if lessonDone(m) {
				t.Fatalf("lesson %d passed after only %v", i+1, group)
			}
		}
		m = pressAll(t, m, st.do)
		if !lessonDone(m) {
			t.Fatalf("lesson %d %q: not done after %v (status %q)", i+1, m.lesson.Title(), st.do, m.status)
		}
		if view := m.View(); !strings.Contains(view, "What just happened") {
			t.Fatalf("lesson %d: the panel must explain what happened:\n%s", i+1, view)
		}
		m, _ = press(t, m, "]")
	}
	if want := fmt.Sprintf("last · %d/%d done", len(steps), len(steps)); !strings.Contains(m.lesson.View(), want) {
		t.Errorf("completed: want %q:\n%s", want, m.lesson.View())
	}
}

// pressAll presses keys; "type:…" types text; F runs the flush to its end.
func pressAll(t *testing.T, m *Model, keys []string) *Model {
	t.Helper()
	for _, k := range keys {
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			m = typeText(t, m, text)
			continue
		}
		if k == "shop:enter" {
			m, c := press(t, m, "enter")
			m, _ = runShop(t, m, c)
			t.Cleanup(m.shop.Stop)
			continue
		}
		next, c := press(t, m, k)
		m = next
		if k == "F" || k == "V" {
			m = settle(t, m, c)
		}
	}
	return m
}

// Leaving keeps the progress; L resumes where the person was; the lesson
// panel stays on screen while a prompt it asked for is open.
func TestLearnModeIsResumableAndStaysVisible(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "L", "n")
	if promptOf(m) == nil {
		t.Fatal("n in learn mode must open the name prompt")
	}
	if v := m.View(); !strings.Contains(v, "Lesson 1/11") {
		t.Fatalf("the lesson must stay visible under the prompt:\n%s", v)
	}
	m, _ = press(t, m, "enter")
	if m.mode != modeBrowse || !m.lesson.Active() {
		t.Fatalf("closing the prompt must return to learn mode, have %v", m.mode)
	}
	m, _ = press(t, m, "]", "L")
	if m.mode != modeBrowse || m.lesson.Active() || strings.Contains(m.View(), "Lesson 2/11") {
		t.Fatal("L must leave the tour and hide the panel")
	}
	if !strings.Contains(m.status, "lesson 2/11 (1 done)") {
		t.Errorf("leaving says where the tour stopped: %q", m.status)
	}
	m, _ = press(t, m, "L")
	if at := lessonAt(t, m); at != 2 || !strings.Contains(m.View(), "Lesson 2/11") {
		t.Fatalf("L must resume at lesson 2 with lesson 1 done: current %d", at)
	}
	if m, _ = press(t, m, "["); !lessonDone(m) {
		t.Fatalf("lesson 1 is not done once resumed:\n%s", m.lesson.View())
	}
	m, _ = press(t, m, "esc")
	if m.mode != modeBrowse || m.lesson.Active() {
		t.Error("esc must leave the tour")
	}
}

// The narrow layout gives the lesson the details' place, and every size
// still draws.
func TestLearnPanelAtEverySize(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {40, 12}, {200, 60}, {249, 12}} {
		m := newModel(t, sz[0], sz[1])
		m, _ = press(t, m, "L")
		v := m.View()
		if !strings.Contains(v, "Lesson 1/11") {
			t.Errorf("%dx%d: no lesson on screen:\n%s", sz[0], sz[1], v)
		}
		if lines := strings.Split(v, "\n"); len(lines) != sz[1] {
			t.Errorf("%dx%d: %d lines drawn", sz[0], sz[1], len(lines))
		}
	}
}

// At 80×24 the lesson panel keeps what to press on screen: the teaching
// text gives way first, and the delivery log shrinks while learning.
func TestLessonKeepsWhatToPressAt80x24(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "L")
	v := m.View()
	for _, want := range []string{"Do: press n once, type a name", "○ waiting", "A trace is one request"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on the 80×24 screen:\n%s", want, v)
		}
	}
}

// lessonCount is how many lessons the tour has.
func lessonCount(t *testing.T) int {
	t.Helper()
	ls, err := pane.BuiltinLessons()
	if err != nil {
		t.Fatal(err)
	}
	return len(ls)
}

// lessonAt is the lesson the pane's title says is current (1-based).
func lessonAt(t *testing.T, m *Model) int {
	t.Helper()
	var at, of int
	if _, err := fmt.Sscanf(m.lesson.Title(), "Lesson %d/%d", &at, &of); err != nil {
		t.Fatalf("the lesson pane's title %q: %v", m.lesson.Title(), err)
	}
	return at
}

// lessonDone says whether the lesson panel says the current lesson is done.
func lessonDone(m *Model) bool { return strings.Contains(m.lesson.View(), "✓ Done.") }
