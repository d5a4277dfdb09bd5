package component

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// ExplainItem is one field (or column) and what it means here.
type ExplainItem struct {
	Label string // the field as the screen names it
	Value string // this span's value, "" for a pane's column
	Means string // plain words
}

// Explanation is what i shows: a title and its items.
type Explanation struct {
	Title string
	Items []ExplainItem
}

// ExplainDialog shows an explanation or the glossary (tab switches),
// scrollable; esc or i closes it.
type ExplainDialog struct {
	PaneBase
	pages    [2]Explanation
	page     int
	scroll   int
	closed   bool
	maxLines int
}

// Title names the page shown.
func (d *ExplainDialog) Title() string { return d.pages[d.page].Title }

// Closed says the dialog was closed.
func (d *ExplainDialog) Closed() bool { return d.closed }

// SetSize takes the width and the window's height; the dialog uses most of it.
func (d *ExplainDialog) SetSize(w, h int) {
	d.Width, d.Height = w, h
	d.maxLines = max(3, h-8)
}

// Update scrolls, switches page, closes.
func (d *ExplainDialog) Update(msg tea.Msg) (Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(km, d.Keys.Cancel), key.Matches(km, d.Keys.Close), key.Matches(km, d.Keys.Explain):
		d.closed = true
	case key.Matches(km, d.Keys.Glossary):
		d.page, d.scroll = 1-d.page, 0
	default:
		last := max(0, len(d.Lines())-d.maxLines)
		d.scroll = Navigate(d.Keys, km, d.scroll, max(1, d.maxLines-1), last)
	}
	return d, nil
}

// ShortHelp is how to move, switch and close.
func (d *ExplainDialog) ShortHelp() []key.Binding {
	other := "glossary"
	if d.page == 1 {
		other = "back to the explanation"
	}
	return []key.Binding{As(d.Keys.Glossary, other), Both(d.Keys.Up, d.Keys.Down, "scroll"), Both(d.Keys.Cancel, d.Keys.Explain, "closes")}
}

// FullHelp is every key of the dialog.
func (d *ExplainDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{NavKeys(d.Keys), {d.Keys.Glossary, d.Keys.Cancel, d.Keys.Close}}
}

// Lines is the page wrapped to the width: each item a label (and value)
// line, then its meaning indented.
func (d *ExplainDialog) Lines() []string {
	st := d.Styles
	w := max(10, d.Width-4)
	var out []string
	for _, it := range d.pages[d.page].Items {
		head := st.Label.Render(it.Label)
		if it.Value != "" {
			head += "  " + it.Value
		}
		out = append(out, strings.Split(lipgloss.NewStyle().Width(w).Render(head), "\n")...)
		means := lipgloss.NewStyle().Width(max(8, w-2)).Render(it.Means)
		for _, l := range strings.Split(means, "\n") {
			out = append(out, "  "+l)
		}
	}
	return out
}

// View draws the page in a box with its keys.
func (d *ExplainDialog) View() string {
	st := d.Styles
	all := d.Lines()
	start := min(d.scroll, max(0, len(all)-1))
	end := min(len(all), start+d.maxLines)
	footer := KeyHelp(d.ShortHelp()...)
	if end < len(all) {
		footer += " · more below"
	}
	inner := max(10, d.Width-4)
	lines := []string{st.Status.Render(d.Title())}
	lines = append(lines, all[start:end]...)
	lines = append(lines, st.Dim.Render(footer))
	for i, l := range lines {
		lines[i] = FitLine(l, inner)
	}
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// NewExplainDialog is i on e, with the glossary as its second page.
func NewExplainDialog(c *Common, e, glossary Explanation) *ExplainDialog {
	return &ExplainDialog{PaneBase: PaneBase{Common: c}, pages: [2]Explanation{e.withKeys(c.Keys), glossary.withKeys(c.Keys)}}
}
