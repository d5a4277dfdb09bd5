// Package ui is zipkin-playground's interactive terminal: a Bubble Tea
// program over the tracing package. One component per pane; the root model
// routes keys, sizes and asynchronous results.
package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// common is the one context every component shares (by pointer): the
// session, styles, keys, the clock (fixed in tests) and whether secrets are
// revealed — a fact of the screen, not of the tracing session.
type common struct {
	session *tracing.Session
	styles  *Styles
	keys    *KeyMap
	now     func() time.Time
	reveal  bool
	verify  *verification // what the query API said of each delivered span (V)
	policy  Policy        // what the person at the keys may not do (a workshop attendee)
	// requests are what components asked of the root, carried out when the
	// component's Update returns (requests.go).
	requests []tea.Msg
}

// liveConfig is the configuration as the person sees it: the session's,
// with the encoding the outbox sends (the path may have chosen v1) and
// whether secrets are revealed on this screen.
func (c *common) liveConfig() tracing.Config {
	cfg := c.session.Config()
	cfg.Encoding = c.session.Outbox().Encoding()
	cfg.RevealSecrets = c.reveal
	return cfg
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

// pane draws a bordered box of outer size w×h around body, the title set in
// the top border (a line saved for content on small screens). The focused
// pane has a heavy border, which shows without colour too.
func pane(st *Styles, title, body string, w, h int, focused bool) string {
	if w < 4 || h < 3 {
		return fitBlock("", w, h)
	}
	b, style := lipgloss.RoundedBorder(), st.Pane
	if focused {
		b, style = lipgloss.ThickBorder(), st.FocusPane
	}
	title = " " + strings.TrimRight(fitLine(title, w-5), " ") + " " // a label: cut if it must be, facts never
	fill := max(0, w-3-lipgloss.Width(title))
	lines := make([]string, 0, h)
	lines = append(lines, style.Render(b.TopLeft+b.Top)+title+style.Render(strings.Repeat(b.Top, fill)+b.TopRight))
	left, right := style.Render(b.Left), style.Render(b.Right)
	for _, l := range strings.Split(fitBlock(body, w-2, h-2), "\n") {
		lines = append(lines, left+l+right)
	}
	lines = append(lines, style.Render(b.BottomLeft+strings.Repeat(b.Bottom, w-2)+b.BottomRight))
	return strings.Join(lines, "\n")
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

func shortDur(d time.Duration) string { return outbox.FormatLatency(d) }

// plural is "1 span", "2 spans".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "ch") || strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// isAre is the verb agreeing with n.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
