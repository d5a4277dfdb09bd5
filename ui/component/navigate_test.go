package component

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Navigate moves within [0, last] by one, by a page, to either end, and
// leaves other keys alone.
func TestNavigate(t *testing.T) {
	t.Parallel()
	k := DefaultKeyMap()
	named := map[string]tea.KeyType{"down": tea.KeyDown, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp}
	for _, c := range []struct {
		key            string
		pos, page, end int
		want           int
	}{
		{"j", 0, 5, 9, 1}, {"k", 0, 5, 9, 0}, {"down", 9, 5, 9, 9}, {"pgdown", 2, 5, 9, 7},
		{"pgup", 2, 5, 9, 0}, {"G", 3, 5, 9, 9}, {"g", 3, 5, 9, 0}, {"x", 3, 5, 9, 3}, {"j", 0, 5, -1, 0},
	} {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.key)}
		if kt, ok := named[c.key]; ok {
			msg = tea.KeyMsg{Type: kt}
		}
		if have := Navigate(&k, msg, c.pos, c.page, c.end); have != c.want {
			t.Errorf("%s from %d: want %d, have %d", c.key, c.pos, c.want, have)
		}
	}
}
