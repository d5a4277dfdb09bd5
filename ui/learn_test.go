package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
)

// Every lesson loads, names a known check, and asks only for keys the app
// has.
func TestLessonsAreValidData(t *testing.T) {
	t.Parallel()
	ls, err := component.BuiltinLessons()
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
	if _, err := component.LoadLessons([]byte(`[{"title":"x","teach":"x","do":"x","done":"x","check":"nope"}]`)); err == nil {
		t.Error("an unknown check must be refused")
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
	if len(steps) != len(m.lesson.Tour.Lessons) {
		t.Fatalf("the test covers %d lessons, the tour has %d", len(steps), len(m.lesson.Tour.Lessons))
	}
	for i, st := range steps {
		if m.lesson.Tour.Current != i {
			t.Fatalf("at lesson %d, want %d", m.lesson.Tour.Current+1, i+1)
		}
		if m.lesson.Tour.Done() {
			t.Fatalf("lesson %d is done before anything was pressed", i+1)
		}
		for _, group := range st.before {
			m = pressAll(t, m, group)
			if m.lesson.Tour.Done() {
				t.Fatalf("lesson %d passed after only %v", i+1, group)
			}
		}
		m = pressAll(t, m, st.do)
		if !m.lesson.Tour.Done() {
			t.Fatalf("lesson %d %q: not done after %v (status %q)", i+1, m.lesson.Tour.Lesson().Title, st.do, m.status)
		}
		if view := m.View(); !strings.Contains(view, "What just happened") {
			t.Fatalf("lesson %d: the panel must explain what happened:\n%s", i+1, view)
		}
		m, _ = press(t, m, "]")
	}
	if want, have := len(steps), m.lesson.Tour.Completed(); want != have {
		t.Errorf("completed: want %d, have %d", want, have)
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
	if m.mode != modeBrowse || m.lesson.Tour.Active || strings.Contains(m.View(), "Lesson 2/11") {
		t.Fatal("L must leave the tour and hide the panel")
	}
	if !strings.Contains(m.status, "lesson 2/11") {
		t.Errorf("leaving says where the tour stopped: %q", m.status)
	}
	m, _ = press(t, m, "L")
	if m.lesson.Tour.Current != 1 || !m.lesson.Tour.Passed[0] || !strings.Contains(m.View(), "Lesson 2/11") {
		t.Fatalf("L must resume at lesson 2 with lesson 1 done: current %d", m.lesson.Tour.Current+1)
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
