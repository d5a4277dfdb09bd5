package component

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// Scroller is the scroll position of a pane whose lines are drawn at view
// time (inspector, B3 headers): the pane hands it the lines, it keeps the
// offset within them.
type Scroller struct {
	Offset int
}

// Key moves the offset with a movement key over total lines shown h at a time.
func (s *Scroller) Key(k *KeyMap, msg tea.KeyMsg, total, h int) {
	last := max(0, total-h)
	s.Offset = Navigate(k, msg, min(s.Offset, last), max(1, h-1), last)
}

// Window is the lines from the offset that fit in h.
func (s *Scroller) Window(lines []string, h int) string {
	start := min(s.Offset, max(0, len(lines)-h))
	end := min(len(lines), start+max(0, h))
	return strings.Join(lines[start:end], "\n")
}

// More is the title's note when lines go beyond the window: how many, and
// the keys to reach them.
func (s *Scroller) More(total, h int, focused bool) string {
	below := total - min(s.Offset, max(0, total-h)) - h
	if below <= 0 {
		return ""
	}
	how := "tab"
	if focused {
		how = "j"
	}
	return fmt.Sprintf(" · ↓%d more (%s)", below, how)
}
