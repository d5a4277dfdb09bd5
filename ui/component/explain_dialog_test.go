package component

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Down scrolls the explanation, never past its end: the last screenful
// stays full and the last item shows.
func TestExplainDialogScrollsToItsEndOnly(t *testing.T) {
	t.Parallel()
	st, keys := DefaultStyles(), DefaultKeyMap()
	var e Explanation
	for i := range 30 {
		e.Items = append(e.Items, ExplainItem{Label: fmt.Sprintf("field %d", i), Means: "what it means"})
	}
	d := NewExplainDialog(&Common{Styles: &st, Keys: &keys}, e, Explanation{Title: "Glossary"})
	d.SetSize(80, 24)
	if !strings.Contains(d.View(), "more below") {
		t.Fatalf("30 items should not fit 24 lines:\n%s", d.View())
	}
	for range 80 {
		d.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	if last := len(d.Lines()) - d.maxLines; d.scroll == 0 || d.scroll > last {
		t.Errorf("scroll %d, the last screenful starts at %d", d.scroll, last)
	}
	if v := d.View(); !strings.Contains(v, "field 29") || strings.Contains(v, "more below") {
		t.Errorf("at the end the last item shows, nothing below:\n%s", v)
	}
}
