// Package ui is zipkin-playground's interactive terminal: a Bubble Tea
// program over the tracing package. One component per pane; the root model
// routes keys, sizes and asynchronous results.
package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
)

// common is what every component shares: the session, styles, keys and the
// clock (fixed in tests).
type common struct {
	session *tracing.Session
	styles  *Styles
	keys    *KeyMap
	now     func() time.Time
}

// fitBlock cuts or pads s to exactly w columns and h lines.
func fitBlock(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fitLine(l, w)
	}
	return strings.Join(lines, "\n")
}

// fitLine cuts or pads one line to exactly w columns.
func fitLine(l string, w int) string {
	if lipgloss.Width(l) > w {
		l = lipgloss.NewStyle().MaxWidth(w).Render(l)
	}
	if pad := w - lipgloss.Width(l); pad > 0 {
		l += strings.Repeat(" ", pad)
	}
	return l
}

// pane draws a titled, bordered box of outer size w×h around body.
func pane(st *Styles, title, body string, w, h int, focused bool) string {
	if w < 4 || h < 3 {
		return fitBlock("", w, h)
	}
	box, titleStyle := st.Pane, st.Title
	if focused {
		box, titleStyle = st.FocusPane, st.FocusTitle
	}
	inner := fitBlock(titleStyle.Render(title)+"\n"+body, w-2, h-2)
	return box.Render(inner)
}

// navigate applies a movement key (up, down, page up/down, top, bottom) to
// pos within [0, last]; other keys leave it as it is.
func navigate(k *KeyMap, msg tea.KeyMsg, pos, page, last int) int {
	switch {
	case key.Matches(msg, k.Up):
		pos--
	case key.Matches(msg, k.Down):
		pos++
	case key.Matches(msg, k.PageUp):
		pos -= page
	case key.Matches(msg, k.PageDown):
		pos += page
	case key.Matches(msg, k.Top):
		pos = 0
	case key.Matches(msg, k.Bottom):
		pos = last
	}
	return max(0, min(pos, last))
}

func shortDur(d time.Duration) string { return tracing.FormatLatency(d) }
