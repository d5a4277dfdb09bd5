package ui

import (
	"strings"
	"testing"
)

// In the tour the lesson's keys lead the bottom line and the browse keys
// follow; a key both name (L) shows once.
func TestHelpLineNamesEachKeyOnce(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "L")
	line := m.screen.helpLine(m.mode, m.dialog)
	seen := map[string]int{}
	for _, item := range strings.Split(line, m.screen.help.ShortSeparator) {
		if f := strings.Fields(item); len(f) > 0 {
			seen[f[0]]++
		}
	}
	if len(seen) < 3 {
		t.Fatalf("the tour's bottom line should name several keys: %q", line)
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%s is named %d times on the bottom line %q", k, n, line)
		}
	}
}
