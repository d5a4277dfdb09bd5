package ui

import "testing"

// i on any pane tab can reach explains it: no pane opens an empty
// explanation (the lesson panel once did).
func TestEveryPlacedPaneExplainsItself(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "L") // the lesson panel has a place only during the tour
	ps := m.screen.placements(m.screen.layout())
	if len(ps) < 6 {
		t.Fatalf("want every pane placed, have %d", len(ps))
	}
	for _, p := range ps {
		if e := p.C.Explain(); e.Title == "" || len(e.Items) == 0 {
			t.Errorf("%s (%q) explains nothing", p.C.Title(), p.Name)
		}
	}
}
