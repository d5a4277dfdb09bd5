package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// The first screen at 80×24 shows the tour's key and the help key on the
// bottom line.
func TestHelpLineShowsLearnAndHelpAtStart(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	lines := viewLines(m)
	bottom := lines[len(lines)-1]
	for _, b := range []key.Binding{m.common.Keys.NewTrace, m.common.Keys.Learn, m.common.Keys.Help} {
		if want := b.Help().Key + " " + b.Help().Desc; !strings.Contains(bottom, want) {
			t.Errorf("the bottom line lacks %q: %q", want, bottom)
		}
	}
}
