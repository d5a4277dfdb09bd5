package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// helpPane is the full help (?): every binding of the action table and of
// the focused pane, those that do not apply now dimmed with the reason. It
// reads the table and reasons from the root, so it cannot disagree with
// what the keys do.
type helpPane struct {
	paneBase
	root *Model
}

// Title names the view.
func (h *helpPane) Title() string { return "All keys (? or esc closes) — dimmed keys do not apply now" }

// Update does nothing: the root closes help.
func (h *helpPane) Update(tea.Msg) (component, tea.Cmd) { return h, nil }

// ShortHelp is how to close it.
func (h *helpPane) ShortHelp() []key.Binding { return []key.Binding{h.keys.Help, h.keys.Cancel} }

// FullHelp is how to close it.
func (h *helpPane) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// View lists the groups in two columns when the screen is wide enough.
func (h *helpPane) View() string {
	m := h.root
	var blocks []string
	nav := append([]key.Binding{}, m.focusedPane().ShortHelp()...)
	nav = append(nav, m.keys.Tab)
	blocks = append(blocks, h.block("move · "+strings.ToLower(m.focusedPane().Title()), nav))
	for _, g := range m.actions {
		var bs []key.Binding
		for _, a := range g.actions {
			if a.binding != &m.keys.Tab {
				bs = append(bs, *a.binding)
			}
		}
		blocks = append(blocks, h.block(g.title, bs))
	}
	if h.width < 80 {
		return strings.Join(blocks, "\n\n")
	}
	colW := h.width/2 - 1
	var left, right []string
	leftH, rightH := 0, 0
	for _, b := range blocks { // fill the shorter column
		n := strings.Count(b, "\n") + 2
		if leftH <= rightH {
			left, leftH = append(left, fitBlock(b, colW, n-1)), leftH+n
		} else {
			right, rightH = append(right, fitBlock(b, colW, n-1)), rightH+n
		}
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, strings.Join(left, "\n\n"), "  ", strings.Join(right, "\n\n"))
}

// block is one group: a title, then "key  description", dimmed with the
// reason when the key does not apply now.
func (h *helpPane) block(title string, bs []key.Binding) string {
	st := h.styles
	lines := []string{st.Title.Render(title)}
	for _, b := range bs {
		line := st.Label.Render(padRight(b.Help().Key, 7)) + " " + b.Help().Desc
		if !b.Enabled() {
			line = st.Dim.Render(padRight(b.Help().Key, 7) + " " + b.Help().Desc + " — " + h.root.reasonFor(b))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
