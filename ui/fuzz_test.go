package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// fuzzKeys are the keys a fuzzed session presses, by byte value.
var fuzzKeys = []string{
	"n", "c", "f", "t", "e", "a", "K", "b", "F", "r", "E", "S", "v", "?", "q", "y", "D", "P", "w", "o", "x",
	"j", "k", "g", "G", "up", "down", "pgup", "pgdown", "tab", "enter", "esc", "backspace",
	"=", "x", "1", "0.5", "nK", "cf", "KKc", "ctrl+c", "z",
	"O", "p", "d", "2s",
	"L", "i", "R", "]", "[", "KKn", "KKKKc",
}

// FuzzKeys feeds random key sequences and window sizes: the UI must not
// panic, the view must fit the window, and the tree must stay a tree.
func FuzzKeys(f *testing.F) {
	f.Add([]byte{0, 30, 1, 30, 2, 3, 31, 33, 30}, uint8(120), uint8(40))
	f.Add([]byte{0, 30, 6, 6, 6, 6, 1, 30, 7, 7, 7, 8, 14, 15}, uint8(40), uint8(12))
	f.Add([]byte{11, 23, 30, 12, 24, 30, 16, 34, 32, 0, 37}, uint8(20), uint8(5))
	f.Add([]byte{0, 35, 36, 4, 32, 38, 30, 5, 30, 22, 22, 28, 28}, uint8(80), uint8(24))
	f.Fuzz(func(t *testing.T, seq []byte, w, h uint8) {
		if len(seq) > 200 {
			seq = seq[:200]
		}
		m := newModel(t, int(w), int(h), func(c *tracing.Config) {
			c.Endpoint = "http://127.0.0.1:9/api/v2/spans" // never contacted: commands are not run
			c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerModulo, Modulo: 2}
		})
		for _, b := range seq {
			m, _ = press(t, m, fuzzKeys[int(b)%len(fuzzKeys)])
			if m.quitting {
				break
			}
		}
		view := m.View()
		if w >= MinWidth && h >= MinHeight {
			lines := strings.Split(view, "\n")
			if len(lines) > int(h) {
				t.Fatalf("view has %d lines for height %d", len(lines), h)
			}
			for _, l := range lines {
				if n := lipgloss.Width(l); n > int(w) { // cells: y's OSC 52 sequence has none
					t.Fatalf("line %d wide for width %d: %q", n, w, l)
				}
			}
		}
		checkTree(t, m.Session().Tree())
	})
}

// checkTree: every child's parent is in the tree and lists it; keys are
// unique (a shared SERVER span repeats its client's ID, not its key); a
// child's trace ID is its parent's.
func checkTree(t *testing.T, tree *tracing.Tree) {
	t.Helper()
	in := map[*tracing.Node]bool{}
	keys := map[outbox.SpanKey]bool{}
	for _, n := range tree.Nodes() {
		in[n] = true
		if keys[n.Key] {
			t.Fatalf("duplicate span key %+v", n.Key)
		}
		keys[n.Key] = true
	}
	for _, n := range tree.Nodes() {
		if n.Parent == nil {
			continue
		}
		if !in[n.Parent] {
			t.Fatalf("%s: parent not in the tree", n.Name)
		}
		found := false
		for _, c := range n.Parent.Children {
			found = found || c == n
		}
		if !found {
			t.Fatalf("%s: parent does not list it", n.Name)
		}
		if n.Context.TraceID != n.Parent.Context.TraceID {
			t.Fatalf("%s: trace ID differs from its parent's", n.Name)
		}
		if n.Key.Shared != (n.Context.ID == n.Parent.Context.ID) {
			t.Fatalf("%s: shared %v but IDs %s/%s", n.Name, n.Key.Shared, n.Context.ID, n.Parent.Context.ID)
		}
	}
}
