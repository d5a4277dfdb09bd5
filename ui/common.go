package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/ui/component"
)

// bordered draws a bordered box of outer size w×h around body, the title set in
// the top border (a line saved for content on small screens). The focused
// pane has a heavy border, which shows without colour too.
func bordered(st *component.Styles, title, body string, w, h int, focused bool) string {
	if w < 4 || h < 3 {
		return component.FitBlock("", w, h)
	}
	b, style := lipgloss.RoundedBorder(), st.Pane
	if focused {
		b, style = lipgloss.ThickBorder(), st.FocusPane
	}
	title = " " + strings.TrimRight(component.FitLine(title, w-5), " ") + " " // a label: cut if it must be, facts never
	fill := max(0, w-3-lipgloss.Width(title))
	lines := make([]string, 0, h)
	lines = append(lines, style.Render(b.TopLeft+b.Top)+title+style.Render(strings.Repeat(b.Top, fill)+b.TopRight))
	left, right := style.Render(b.Left), style.Render(b.Right)
	for _, l := range strings.Split(component.FitBlock(body, w-2, h-2), "\n") {
		lines = append(lines, left+l+right)
	}
	lines = append(lines, style.Render(b.BottomLeft+strings.Repeat(b.Bottom, w-2)+b.BottomRight))
	return strings.Join(lines, "\n")
}
