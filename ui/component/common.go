package component

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

// Common is the one context every component shares (by pointer): the
// session, styles, keys, the clock (fixed in tests) and whether secrets are
// revealed — a fact of the screen, not of the tracing session.
type Common struct {
	Session *tracing.Session
	Styles  *Styles
	Keys    *KeyMap
	Now     func() time.Time
	Reveal  bool
	Verify  *Verification // what the query API said of each delivered span (V)
	Policy  Policy        // what the person at the keys may not do (a workshop attendee)
	// Requests are what components asked of the root, carried out when the
	// component's Update returns (requests.go).
	Requests []tea.Msg
}

// LiveConfig is the configuration as the person sees it: the session's,
// with the encoding the outbox sends (the path may have chosen v1) and
// whether secrets are revealed on this screen.
func (c *Common) LiveConfig() tracing.Config {
	cfg := c.Session.Config()
	cfg.Encoding = c.Session.Outbox().Encoding()
	cfg.RevealSecrets = c.Reveal
	return cfg
}

// FitBlock cuts or pads s to exactly w columns and h lines.
func FitBlock(s string, w, h int) string {
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
		lines[i] = FitLine(l, w)
	}
	return strings.Join(lines, "\n")
}

// FitLine cuts or pads one line to exactly w columns.
func FitLine(l string, w int) string {
	if lipgloss.Width(l) > w {
		l = lipgloss.NewStyle().MaxWidth(w).Render(l)
	}
	if pad := w - lipgloss.Width(l); pad > 0 {
		l += strings.Repeat(" ", pad)
	}
	return l
}

// Navigate applies a movement key (up, down, page up/down, top, bottom) to
// pos within [0, last]; other keys leave it as it is.
func Navigate(k *KeyMap, msg tea.KeyMsg, pos, page, last int) int {
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

// ShortDur is d as the delivery log writes a latency.
func ShortDur(d time.Duration) string { return outbox.FormatLatency(d) }

// Plural is "1 span", "2 spans".
func Plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "ch") || strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// IsAre is the verb agreeing with n.
func IsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
