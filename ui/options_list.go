package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// listItem is one choice of a listDialog.
type listItem struct {
	label, note string
}

// listDialog is a short list to choose one item from (a dialog): the
// scenarios o opens, the encodings of O. accept acts on the chosen index; an
// error keeps the list open and is shown in it (as a prompt does).
type listDialog struct {
	paneBase
	title  string
	items  []listItem
	cursor int
	err    string
	accept func(i int) (tea.Cmd, error)
	cancel func()
	closed bool
}

// Title names the list.
func (d *listDialog) Title() string { return d.title }

// Closed says an item was chosen or the list cancelled.
func (d *listDialog) Closed() bool { return d.closed }

// Update moves the cursor; enter chooses; esc and ctrl+c cancel.
func (d *listDialog) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(km, d.keys.Cancel), key.Matches(km, d.keys.Close):
		d.closed = true
		if d.cancel != nil {
			d.cancel()
		}
	case key.Matches(km, d.keys.Accept):
		cmd, err := d.accept(d.cursor)
		if err != nil {
			d.err = d.session.Masker().Mask(err.Error())
			return d, nil
		}
		d.closed = true
		return d, cmd
	default:
		d.cursor = navigate(d.keys, km, d.cursor, max(1, d.height-4), len(d.items)-1)
		d.err = ""
	}
	return d, nil
}

// ShortHelp is the list's keys.
func (d *listDialog) ShortHelp() []key.Binding {
	return []key.Binding{both(d.keys.Up, d.keys.Down, "choose"), as(d.keys.Accept, "accepts"), as(d.keys.Cancel, "cancels")}
}

// FullHelp is the list's keys.
func (d *listDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.Accept, d.keys.Cancel, d.keys.Close}}
}

// View draws the list in a box, the chosen item marked (visible without
// colour too).
func (d *listDialog) View() string {
	st := d.styles
	inner := max(10, d.width-4)
	lines := []string{st.Status.Render(d.title)}
	labelW := 0
	for _, it := range d.items {
		labelW = max(labelW, lipgloss.Width(it.label))
	}
	for i, it := range d.items {
		label := it.label + strings.Repeat(" ", labelW-lipgloss.Width(it.label))
		text := label
		if it.note != "" {
			text += "  " + st.Dim.Render(it.note)
		}
		if i == d.cursor {
			lines = append(lines, st.Selected.Render(fitLine("▶ "+label+"  "+it.note, inner)))
			continue
		}
		lines = append(lines, fitLine("  "+text, inner))
	}
	if sel := d.items[d.cursor]; 2+labelW+2+lipgloss.Width(sel.note) > inner {
		lines = append(lines, dialogWrap(st.Dim, sel.note, inner)...) // too long for its row: whole here
	}
	if d.err != "" {
		lines = append(lines, dialogWrap(st.PromptError, d.err, inner)...)
	}
	lines = append(lines, st.Dim.Render(fitLine(keyHelp(d.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// plainText is no style: text that is only wrapped.
var plainText = lipgloss.NewStyle()

// dialogWrap renders s with style wrapped to w columns: long errors and
// values are wrapped, never cut (a presenter's audience must read them).
func dialogWrap(style lipgloss.Style, s string, w int) []string {
	return strings.Split(style.Width(w).Render(s), "\n")
}
