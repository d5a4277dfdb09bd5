package component

import (
	"fmt"

	"github.com/charmbracelet/lipgloss"
)

// FitTitle is the first of forms (longest first) that fits in the top border
// of a box inner columns wide, the focus mark included so a title does not
// change when the pane takes focus; the last form when none does.
func FitTitle(inner int, forms ...string) string {
	room := inner - 3 - lipgloss.Width(FocusMark) // corners, spaces, the mark
	for _, f := range forms {
		if lipgloss.Width(f) <= room {
			return f
		}
	}
	return forms[len(forms)-1]
}

// ShortMore is scroller.more's short form: the count alone.
func (s *Scroller) ShortMore(total, h int) string {
	below := total - min(s.Offset, max(0, total-h)) - h
	if below <= 0 {
		return ""
	}
	return fmt.Sprintf(" ↓%d", below)
}
