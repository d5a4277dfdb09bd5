package pane

import (
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Help is the full help (?): every binding of the action table and of
// the focused pane, those that do not apply now dimmed with the reason. It
// lists them when it opens, from the root's table and the reasons the root
// keeps current, so it cannot disagree with what the keys do.
type Help struct {
	component.PaneBase
	groups []helpGroup
	scroll int

	table       []HelpSource               // the action table's keys by theme
	reasons     map[*key.Binding]string    // why each disabled action does not apply now
	focusedPane func() component.Component // the pane whose keys come first
}

// HelpSource is one theme of the action table as the help reads it: the
// bindings themselves, which the root enables as their actions apply.
type HelpSource struct {
	Title string
	Keys  []*key.Binding
}

// helpGroup is one block of the help: a title, its keys, and why each one
// that is disabled does not apply now.
type helpGroup struct {
	title string
	keys  []key.Binding
	why   []string // by key: "" when it applies
}

func (g helpGroup) whyNot(i int) string {
	if i < len(g.why) {
		return g.why[i]
	}
	return ""
}

// Open is ?: the help lists, from the top, the focused pane's keys, each
// theme of the action table with why a key does not apply now, and the
// dialogs' keys; then the root shows it.
func (h *Help) Open() tea.Cmd {
	k := h.Keys
	h.groups = []helpGroup{{title: "move (in the focused pane)", keys: append(append([]key.Binding{}, h.focusedPane().ShortHelp()...), k.Tab)}}
	for _, src := range h.table {
		g := helpGroup{title: src.Title}
		for _, b := range src.Keys {
			g.keys, g.why = append(g.keys, *b), append(g.why, h.reasons[b])
		}
		h.groups = append(h.groups, g)
	}
	h.groups = append(h.groups, helpGroup{title: "in a prompt, list or question", keys: []key.Binding{k.Accept, k.Cancel, k.Close, k.Yes, k.No}},
		helpGroup{title: "in the tour (" + component.KeyName(k.Learn) + ")", keys: []key.Binding{k.NextLesson, k.PrevLesson, k.Tab}})
	h.scroll = 0
	h.Send(component.ShowHelpMsg{})
	return nil
}

// Title names the view.
func (h *Help) Title() string {
	return "All keys (" + component.KeyHelp(component.As(h.Keys.CloseHelp, "closes")) + ") — a key that does not apply now says why"
}

// Update scrolls (the root closes help on ? or esc).
func (h *Help) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		last := max(0, strings.Count(h.Content(), "\n")+1-h.Height)
		h.scroll = component.Navigate(h.Keys, km, h.scroll, max(1, h.Height-1), last)
	}
	return h, nil
}

// ShortHelp is how to move and close it.
func (h *Help) ShortHelp() []key.Binding {
	return []key.Binding{h.Keys.Down, h.Keys.Up, h.Keys.CloseHelp}
}

// FullHelp is how to move and close it.
func (h *Help) FullHelp() [][]key.Binding {
	return [][]key.Binding{h.ShortHelp(), component.NavKeys(h.Keys)}
}

// View is the lines that fit, from the scroll position.
func (h *Help) View() string {
	lines := strings.Split(h.Content(), "\n")
	start := min(h.scroll, max(0, len(lines)-1))
	return strings.Join(lines[start:], "\n")
}

// Content lists the groups in two columns when the screen is wide enough.
func (h *Help) Content() string {
	colW := h.Width
	if h.Width >= 80 {
		colW = (h.Width - 2) / 2
	}
	var blocks []string
	for _, g := range h.groups {
		blocks = append(blocks, h.block(g, colW))
	}
	if h.Width < 80 {
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
	col := func(bs []string) string {
		return component.FitBlock(strings.Join(bs, "\n\n"), colW, max(leftH, rightH))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, col(left), "  ", col(right))
}

// block is one group: a title, then "key  description", dimmed with the
// reason (wrapped under it) when the key does not apply now.
func (h *Help) block(g helpGroup, colW int) string {
	st := h.Styles
	lines := []string{st.Title.Render(g.title)}
	for i, b := range g.keys {
		k, desc := padRight(b.Help().Key, 7), b.Help().Desc
		if b.Enabled() {
			lines = append(lines, st.Label.Render(k)+" "+desc)
			continue
		}
		lines = append(lines, st.Dim.Render(k+" "+desc+" —"))
		why := lipgloss.NewStyle().Width(max(10, colW-10)).Render(g.whyNot(i))
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

// NewHelp is the help over table (its groups of keys, tab left out: it
// is listed with the focused pane's keys); reasons is the root's map of why
// a binding is disabled, kept current as the session changes.
func NewHelp(c *component.Common, table []HelpSource, reasons map[*key.Binding]string, focused func() component.Component) *Help {
	h := &Help{PaneBase: component.PaneBase{Common: c}, reasons: reasons, focusedPane: focused}
	for _, g := range table {
		src := HelpSource{Title: g.Title}
		for _, b := range g.Keys {
			if b != &c.Keys.Tab {
				src.Keys = append(src.Keys, b)
			}
		}
		h.table = append(h.table, src)
	}
	return h
}
