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
	root   *Model
	scroll int
}

// Title names the view.
func (h *helpPane) Title() string {
	return "All keys (? or esc closes) — a key that does not apply now says why"
}

// Update scrolls (the root closes help on ? or esc).
func (h *helpPane) Update(msg tea.Msg) (component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		last := max(0, strings.Count(h.content(), "\n")+1-h.height)
		h.scroll = navigate(h.keys, km, h.scroll, max(1, h.height-1), last)
	}
	return h, nil
}

// ShortHelp is how to move and close it.
func (h *helpPane) ShortHelp() []key.Binding {
	return []key.Binding{h.keys.Down, h.keys.Up, h.keys.CloseHelp}
}

// FullHelp is how to move and close it.
func (h *helpPane) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp(), navKeys(h.keys)} }

// View is the lines that fit, from the scroll position.
func (h *helpPane) View() string {
	lines := strings.Split(h.content(), "\n")
	start := min(h.scroll, max(0, len(lines)-1))
	return strings.Join(lines[start:], "\n")
}

// content lists the groups in two columns when the screen is wide enough.
func (h *helpPane) content() string {
	m := h.root
	colW := h.width
	if h.width >= 80 {
		colW = (h.width - 2) / 2
	}
	var blocks []string
	nav := append([]key.Binding{}, m.focusedPane().ShortHelp()...)
	nav = append(nav, m.keys.Tab)
	blocks = append(blocks, h.block("move (in the focused pane)", nav, colW))
	for _, g := range m.actions {
		var bs []key.Binding
		for _, a := range g.actions {
			if a.binding != &m.keys.Tab {
				bs = append(bs, *a.binding)
			}
		}
		blocks = append(blocks, h.block(g.title, bs, colW))
	}
	k := m.keys
	blocks = append(blocks, h.block("in a prompt, list or question",
		[]key.Binding{k.Accept, k.Cancel, k.Close, k.Yes, k.No}, colW))
	blocks = append(blocks, h.block("in the tour (L)", []key.Binding{k.NextLesson, k.PrevLesson, k.Tab}, colW))
	if h.width < 80 {
		return strings.Join(blocks, "\n\n")
	}
	var left, right []string
	leftH, rightH := 0, 0
	for _, b := range blocks { // fill the shorter column
		n := strings.Count(b, "\n") + 2
		if leftH <= rightH {
			left, leftH = append(left, b), leftH+n
		} else {
			right, rightH = append(right, b), rightH+n
		}
	}
	col := func(bs []string) string { return fitBlock(strings.Join(bs, "\n\n"), colW, max(leftH, rightH)) }
	return lipgloss.JoinHorizontal(lipgloss.Top, col(left), "  ", col(right))
}

// block is one group: a title, then "key  description", dimmed with the
// reason (wrapped under it) when the key does not apply now.
func (h *helpPane) block(title string, bs []key.Binding, colW int) string {
	st := h.styles
	lines := []string{st.Title.Render(title)}
	for _, b := range bs {
		k, desc := padRight(b.Help().Key, 7), b.Help().Desc
		if b.Enabled() {
			lines = append(lines, st.Label.Render(k)+" "+desc)
			continue
		}
		lines = append(lines, st.Dim.Render(k+" "+desc+" —"))
		why := lipgloss.NewStyle().Width(max(10, colW-10)).Render(h.root.reasonFor(b))
		for _, l := range strings.Split(why, "\n") {
			lines = append(lines, st.Dim.Render("          "+strings.TrimRight(l, " ")))
		}
	}
	return strings.Join(lines, "\n")
}

func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
