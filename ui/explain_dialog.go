package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// explainItem is one field (or column) and what it means here.
type explainItem struct {
	label string // the field as the screen names it
	value string // this span's value, "" for a pane's column
	means string // plain words
}

// explanation is what i shows: a title and its items.
type explanation struct {
	title string
	items []explainItem
}

// explainDialog shows an explanation or the glossary (tab switches),
// scrollable; esc or i closes it.
type explainDialog struct {
	paneBase
	pages    [2]explanation
	page     int
	scroll   int
	closed   bool
	maxLines int
}

func newExplainDialog(c *common, e explanation) *explainDialog {
	return &explainDialog{paneBase: paneBase{common: c}, pages: [2]explanation{e.withKeys(c.keys), glossary().withKeys(c.keys)}}
}

// Title names the page shown.
func (d *explainDialog) Title() string { return d.pages[d.page].title }

// Closed says the dialog was closed.
func (d *explainDialog) Closed() bool { return d.closed }

// SetSize takes the width and the window's height; the dialog uses most of it.
func (d *explainDialog) SetSize(w, h int) {
	d.width, d.height = w, h
	d.maxLines = max(3, h-8)
}

// Update scrolls, switches page, closes.
func (d *explainDialog) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(km, d.keys.Cancel), key.Matches(km, d.keys.Close), key.Matches(km, d.keys.Explain):
		d.closed = true
	case key.Matches(km, d.keys.Glossary):
		d.page, d.scroll = 1-d.page, 0
	default:
		last := max(0, len(d.lines())-d.maxLines)
		d.scroll = navigate(d.keys, km, d.scroll, max(1, d.maxLines-1), last)
	}
	return d, nil
}

// ShortHelp is how to move, switch and close.
func (d *explainDialog) ShortHelp() []key.Binding {
	other := "glossary"
	if d.page == 1 {
		other = "back to the explanation"
	}
	return []key.Binding{as(d.keys.Glossary, other), both(d.keys.Up, d.keys.Down, "scroll"), both(d.keys.Cancel, d.keys.Explain, "closes")}
}

// FullHelp is every key of the dialog.
func (d *explainDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{navKeys(d.keys), {d.keys.Glossary, d.keys.Cancel, d.keys.Close}}
}

// lines is the page wrapped to the width: each item a label (and value)
// line, then its meaning indented.
func (d *explainDialog) lines() []string {
	st := d.styles
	w := max(10, d.width-4)
	var out []string
	for _, it := range d.pages[d.page].items {
		head := st.Label.Render(it.label)
		if it.value != "" {
			head += "  " + it.value
		}
		out = append(out, strings.Split(lipgloss.NewStyle().Width(w).Render(head), "\n")...)
		means := lipgloss.NewStyle().Width(max(8, w-2)).Render(it.means)
		for _, l := range strings.Split(means, "\n") {
			out = append(out, "  "+l)
		}
	}
	return out
}

// View draws the page in a box with its keys.
func (d *explainDialog) View() string {
	st := d.styles
	all := d.lines()
	start := min(d.scroll, max(0, len(all)-1))
	end := min(len(all), start+d.maxLines)
	footer := keyHelp(d.ShortHelp()...)
	if end < len(all) {
		footer += " · more below"
	}
	inner := max(10, d.width-4)
	lines := []string{st.Status.Render(d.Title())}
	lines = append(lines, all[start:end]...)
	lines = append(lines, st.Dim.Render(footer))
	for i, l := range lines {
		lines[i] = fitLine(l, inner)
	}
	return st.Prompt.Render(strings.Join(lines, "\n"))
}
