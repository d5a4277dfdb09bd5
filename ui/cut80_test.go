package ui

import (
	"strings"
	"testing"
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
		row := m.tree.row(n, m.session.Outbox(), m.now(), false)
		if w := len([]rune(row)); w > m.tree.width {
			t.Errorf("%s: row %q is %d wide, the pane %d", c.span, row, w, m.tree.width)
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
