package dialog

import (
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// ListItem is one choice of a List.
type ListItem struct {
	Label, Note string
}

// List is a short list to choose one item from (a dialog): the
// scenarios o opens, the encodings of O. accept acts on the chosen index; an
// error keeps the list open and is shown in it (as a prompt does).
type List struct {
	component.PaneBase
	Heading string
	Items   []ListItem
	cursor  int
	err     string
	Accept  func(i int) (tea.Cmd, error)
	Cancel  func()
	closed  bool
}

// Title names the list.
func (d *List) Title() string { return d.Heading }

// Closed says an item was chosen or the list cancelled.
func (d *List) Closed() bool { return d.closed }

// Update moves the cursor; enter chooses; esc and ctrl+c cancel.
func (d *List) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(km, d.Keys.Cancel), key.Matches(km, d.Keys.Close):
		d.closed = true
		if d.Cancel != nil {
			d.Cancel()
		}
	case key.Matches(km, d.Keys.Accept):
		cmd, err := d.Accept(d.cursor)
		if err != nil {
			d.err = d.Session.Masker().Mask(err.Error())
			return d, nil
		}
		d.closed = true
		return d, cmd
	default:
		d.cursor = component.Navigate(d.Keys, km, d.cursor, max(1, d.Height-4), len(d.Items)-1)
		d.err = ""
	}
	return d, nil
}

// ShortHelp is the list's keys.
func (d *List) ShortHelp() []key.Binding {
	return []key.Binding{component.Both(d.Keys.Up, d.Keys.Down, "choose"), component.As(d.Keys.Accept, "accepts"), component.As(d.Keys.Cancel, "cancels")}
}

// FullHelp is the list's keys.
func (d *List) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.Keys.Up, d.Keys.Down, d.Keys.Accept, d.Keys.Cancel, d.Keys.Close}}
}

// View draws the list in a box, the chosen item marked (visible without
// colour too).
func (d *List) View() string {
	st := d.Styles
	inner := max(10, d.Width-4)
	lines := []string{st.Status.Render(d.Heading)}
	labelW := 0
	for _, it := range d.Items {
		labelW = max(labelW, lipgloss.Width(it.Label))
	}
	for i, it := range d.Items {
		label := it.Label + strings.Repeat(" ", labelW-lipgloss.Width(it.Label))
		text := label
		if it.Note != "" {
			text += "  " + st.Dim.Render(it.Note)
		}
		if i == d.cursor {
			lines = append(lines, st.Selected.Render(component.FitLine("▶ "+label+"  "+it.Note, inner)))
			continue
		}
		lines = append(lines, component.FitLine("  "+text, inner))
	}
	if sel := d.Items[d.cursor]; 2+labelW+2+lipgloss.Width(sel.Note) > inner {
		lines = append(lines, DialogWrap(st.Dim, sel.Note, inner)...) // too long for its row: whole here
	}
	if d.err != "" {
		lines = append(lines, DialogWrap(st.PromptError, d.err, inner)...)
	}
	lines = append(lines, st.Dim.Render(component.FitLine(component.KeyHelp(d.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// PlainText is no style: text that is only wrapped.
var PlainText = lipgloss.NewStyle()

// DialogWrap renders s with style wrapped to w columns: long errors and
// values are wrapped, never cut (a presenter's audience must read them).
func DialogWrap(style lipgloss.Style, s string, w int) []string {
	return strings.Split(style.Width(w).Render(s), "\n")
}
