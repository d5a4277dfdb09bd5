package component

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// listItem is one choice of a ListDialog.
type listItem struct {
	Label, note string
}

// ListDialog is a short list to choose one item from (a dialog): the
// scenarios o opens, the encodings of O. accept acts on the chosen index; an
// error keeps the list open and is shown in it (as a prompt does).
type ListDialog struct {
	PaneBase
	title  string
	Items  []listItem
	cursor int
	Err    string
	accept func(i int) (tea.Cmd, error)
	cancel func()
	closed bool
}

// Title names the list.
func (d *ListDialog) Title() string { return d.title }

// Closed says an item was chosen or the list cancelled.
func (d *ListDialog) Closed() bool { return d.closed }

// Update moves the cursor; enter chooses; esc and ctrl+c cancel.
func (d *ListDialog) Update(msg tea.Msg) (Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(km, d.Keys.Cancel), key.Matches(km, d.Keys.Close):
		d.closed = true
		if d.cancel != nil {
			d.cancel()
		}
	case key.Matches(km, d.Keys.Accept):
		cmd, err := d.accept(d.cursor)
		if err != nil {
			d.Err = d.Session.Masker().Mask(err.Error())
			return d, nil
		}
		d.closed = true
		return d, cmd
	default:
		d.cursor = navigate(d.Keys, km, d.cursor, max(1, d.height-4), len(d.Items)-1)
		d.Err = ""
	}
	return d, nil
}

// ShortHelp is the list's keys.
func (d *ListDialog) ShortHelp() []key.Binding {
	return []key.Binding{Both(d.Keys.Up, d.Keys.Down, "choose"), as(d.Keys.Accept, "accepts"), as(d.Keys.Cancel, "cancels")}
}

// FullHelp is the list's keys.
func (d *ListDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.Keys.Up, d.Keys.Down, d.Keys.Accept, d.Keys.Cancel, d.Keys.Close}}
}

// View draws the list in a box, the chosen item marked (visible without
// colour too).
func (d *ListDialog) View() string {
	st := d.Styles
	inner := max(10, d.Width-4)
	lines := []string{st.Status.Render(d.title)}
	labelW := 0
	for _, it := range d.Items {
		labelW = max(labelW, lipgloss.Width(it.Label))
	}
	for i, it := range d.Items {
		label := it.Label + strings.Repeat(" ", labelW-lipgloss.Width(it.Label))
		text := label
		if it.note != "" {
			text += "  " + st.Dim.Render(it.note)
		}
		if i == d.cursor {
			lines = append(lines, st.Selected.Render(FitLine("▶ "+label+"  "+it.note, inner)))
			continue
		}
		lines = append(lines, FitLine("  "+text, inner))
	}
	if sel := d.Items[d.cursor]; 2+labelW+2+lipgloss.Width(sel.note) > inner {
		lines = append(lines, dialogWrap(st.Dim, sel.note, inner)...) // too long for its row: whole here
	}
	if d.Err != "" {
		lines = append(lines, dialogWrap(st.PromptError, d.Err, inner)...)
	}
	lines = append(lines, st.Dim.Render(FitLine(KeyHelp(d.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// plainText is no style: text that is only wrapped.
var plainText = lipgloss.NewStyle()

// dialogWrap renders s with style wrapped to w columns: long errors and
// values are wrapped, never cut (a presenter's audience must read them).
func dialogWrap(style lipgloss.Style, s string, w int) []string {
	return strings.Split(style.Width(w).Render(s), "\n")
}
