package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/pane"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// At 80 columns a tree row cuts the name, never the markers: kind, shared,
// ✗ and the delivery state stay on screen, whole.
func TestTreeRowsKeepTheirMarkersAt80(t *testing.T) {
	t.Parallel()
	m, spans := demoModel(t, 80, 24)
	spans["leaf"].Name = "validate the card number, its expiry date and the CVC"
	spans["server"].Name = "charge the customer's card with the payment provider"
	spans["client"].Name = "call the payment provider to charge the card"
	view := m.View()
	for _, c := range []struct {
		span    string
		markers []string
	}{
		{"server", []string{"[SERVER]", "shared", "failed"}},
		{"leaf", []string{"✗", "failed"}},
		{"client", []string{"[CLIENT]", "failed"}},
	} {
		n := spans[c.span]
		row := m.tree.Row(n, m.common.Session.Outbox(), m.common.Now(), false)
		if w := len([]rune(row)); w > m.tree.Width {
			t.Errorf("%s: row %q is %d wide, the pane %d", c.span, row, w, m.tree.Width)
		}
		for _, want := range c.markers {
			if !strings.Contains(row, " "+want) {
				t.Errorf("%s: %q lost %q", c.span, row, want)
			}
		}
		if !strings.Contains(row, "…") {
			t.Errorf("%s: the long name must be cut, marked …: %q", c.span, row)
		}
		if !strings.Contains(view, strings.TrimSpace(row)) {
			t.Errorf("%s: row %q is not on screen whole:\n%s", c.span, row, view)
		}
	}
}

// Every pane's title is whole in its border at 80, 120 and 160 columns: a
// long one takes a shorter form, never a cut one.
func TestPaneTitlesFit(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 120, 160} {
		m := newModel(t, w, 40)
		m, _ = press(t, m, "n", "enter", "c", "enter", "b", "b") // B3 in both forms: more lines than room
		m.received.Stats.Spans, m.received.Stats.Batches, m.received.Stats.Duplicates = 12, 3, 1
		m, _ = press(t, m, "tab") // the Received pane, beside the tree
		if !m.received.Focused() {
			t.Fatalf("%d: tab must focus the Received pane", w)
		}
		view := m.View()
		for _, c := range []component.Component{m.tree, m.headers, m.received, m.log} {
			title := c.Title()
			if !strings.Contains(view, title+" ") {
				t.Errorf("%d columns: title %q is not whole on screen:\n%s", w, title, view)
			}
		}
		if title := m.received.Title(); !strings.Contains(title, "12 spans") || w > 80 && !strings.Contains(title, "1 duplicate") {
			t.Errorf("%d columns: the Received title must keep its counts: %q", w, title)
		}
	}
}

// The top bar keeps every field at 80 columns, however long the endpoint,
// each in its place: choosing a next kind moves no other field.
func TestTopBarWrapsRatherThanDrops(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24, func(c *tracing.Config) {
		c.Endpoint = "https://collector.tracing.example.com:9411/zipkin-collector/api/v2/spans"
	})
	where := func(field string) (int, int) {
		for i, l := range pane.NewTopBar(m.common, m.tree.NextKind()).Lines(80, 24) {
			if at := strings.Index(l, field); at >= 0 {
				return i, len([]rune(l[:at]))
			}
		}
		return -1, -1
	}
	fields := []string{"service ", "sampler ", "enc ", "B3 ", "next kind "}
	before := map[string][2]int{}
	for _, f := range fields {
		line, col := where(f)
		if line < 0 {
			t.Errorf("%q is not in the top bar:\n%s", f, strings.Join(pane.NewTopBar(m.common, m.tree.NextKind()).Lines(80, 24), "\n"))
		}
		before[f] = [2]int{line, col}
	}
	m, _ = press(t, m, "K")
	for _, f := range fields[:4] {
		if line, col := where(f); before[f] != [2]int{line, col} {
			t.Errorf("%q moved from %v to line %d column %d when a next kind was chosen", f, before[f], line, col)
		}
	}
	if view := m.View(); !strings.Contains(view, "next kind CLIENT") {
		t.Errorf("the next kind is not on screen:\n%s", view)
	}
}
