package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/ui/settings"
)

// topBar is the top bar: the endpoint (masked), then the outbox counts,
// then the settings with a place of their own and the next kind, always in
// that order: each keeps its place, and what does not fit wraps to a line of
// its own rather than being left out; then what differs from the defaults.
// Below oneTopLineH rows it is one line, the counts first, and what does not
// fit is left out.
type topBar struct {
	*common
	nextKind model.Kind
}

// lines draws the bar w columns wide.
func (m topBar) lines(w, h int) []string {
	st := m.styles
	kv := func(k, v string) string { return st.TopKey.Render(k+" ") + st.TopBar.Render(v) }
	cfg := m.liveConfig()
	ep := m.session.Endpoint().Display(m.reveal)
	if m.session.Endpoint().Local && m.session.Receiver() != nil {
		ep = "embedded receiver " + m.session.Receiver().URL()
	}
	endpoint, counts := kv("endpoint", ep), st.TopBar.Render(m.counts(w))
	var rest []string
	for _, s := range settings.Table() {
		if s.Top != "" && s.Flag != "endpoint" { // the endpoint leads the bar, shown above
			rest = append(rest, kv(s.Top, safe(s.Value(cfg))))
		}
	}
	rest = append(rest, kv("next kind", kindName(m.nextKind)))
	var lines [][]string
	if h < oneTopLineH {
		lines = [][]string{{counts}}
		fill(lines, append([]string{endpoint}, rest...), w)
	} else {
		lines = flow([][]string{{endpoint}, {counts}}, rest, w)
	}
	fitSettings(lines, nonDefaultSettings(cfg), w, kv)
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, st.TopBar.Render(fitLine(strings.Join(l, st.TopBar.Render("  ")), w)))
	}
	return out
}

// flow puts items after the lines already begun, in order from the first
// line on: an item that does not fit goes to the next line, a new one after
// the last, so no item moves before another and none is left out.
func flow(lines [][]string, items []string, w int) [][]string {
	width := func(l []string) int { return lipgloss.Width(strings.Join(l, "  ")) }
	cur := 0
	for _, it := range items {
		for cur < len(lines) && width(lines[cur])+2+lipgloss.Width(it) > w {
			cur++
		}
		if cur == len(lines) {
			lines = append(lines, nil)
		}
		lines[cur] = append(lines[cur], it)
	}
	return lines
}

// fill adds each item to the first line it fits on (items are in priority
// order; one that fits nowhere is left out).
func fill(lines [][]string, items []string, w int) {
	width := func(l []string) int { return lipgloss.Width(strings.Join(l, "  ")) }
	for _, it := range items {
		for i := range lines {
			if width(lines[i])+2+lipgloss.Width(it) <= w {
				lines[i] = append(lines[i], it)
				break
			}
		}
	}
}

// fitSettings adds what O changed from the defaults to the line with the
// most room: as many settings as fit, then how many more O lists.
func fitSettings(lines [][]string, set []string, w int, kv func(k, v string) string) {
	if len(set) == 0 {
		return
	}
	best, room := 0, -1
	for i, l := range lines {
		if free := w - lipgloss.Width(strings.Join(l, "  ")) - 2; free > room {
			best, room = i, free
		}
	}
	for n := len(set); n >= 0; n-- {
		text := strings.Join(set[:n], " · ")
		if n < len(set) {
			text = strings.TrimPrefix(text+fmt.Sprintf(" · +%d more in O", len(set)-n), " · ")
		}
		if item := kv("set", text); lipgloss.Width(item) <= room {
			lines[best] = append(lines[best], item)
			return
		}
	}
}

// counts is the outbox counts, shorter when the full form does not fit.
func (m topBar) counts(w int) string {
	c := m.session.Outbox().Counts()
	n := []any{m.session.Tree().Running(), c.Queued + c.Sending, c.Delivered, c.Failed}
	for _, format := range []string{
		"running %d · queued %d · delivered %d · failed %d",
		"run %d · queued %d · deliv. %d · failed %d",
		"run %d·q %d·ok %d·fail %d",
	} {
		if s := fmt.Sprintf(format, n...); len([]rune(s)) <= w {
			return s
		}
	}
	return fmt.Sprintf("%d/%d/%d/%d", n...)
}

// statusLines is the status wrapped whole. A status is read once, as it
// comes, so a long one (an endpoint with its warnings, an error naming a
// URL) takes the lines it needs, up to a quarter of the screen (three lines
// at least, two on a small screen): at 80×24, six lines of 80 columns. Only
// text longer than that is cut.
func statusLines(status string, w, h int) []string {
	lines := wrap(safe(status), w)
	limit := 3
	if h < borderlessH {
		limit = 2
	}
	limit = max(limit, h/4)
	if len(lines) > limit {
		lines = lines[:limit]
		lines[limit-1] = fitLine(lines[limit-1], w-1) + "…"
	}
	return lines
}

// helpLine is the bottom line in mode md: the open dialog d's keys, or the
// enabled browse keys by rank as they fit, always ending with the help key.
func (s *screen) helpLine(md mode, d dialog) string {
	k := s.keys
	switch md {
	case modeDialog, modeConfirmQuit:
		return s.help.ShortHelpView(d.ShortHelp())
	case modeHelp:
		return s.help.ShortHelpView(s.helpView.ShortHelp())
	}
	var candidates []key.Binding
	if s.touring() { // the tour's own keys first
		candidates = s.lesson.ShortHelp()
	}
	for _, b := range rankedBindings(s.actions, k) {
		if b != &k.Help && b != &k.Interrupt {
			candidates = append(candidates, *b)
		}
	}
	// Measure instead of rendering each candidate line: "key desc" items
	// joined by the separator, as bubbles/help draws them.
	itemW := func(b key.Binding) int { return lipgloss.Width(b.Help().Key) + 1 + lipgloss.Width(b.Help().Desc) }
	sepW := lipgloss.Width(s.help.ShortSeparator)
	used := itemW(k.Help)
	var chosen []key.Binding
	shown := map[string]bool{} // the tour's keys and the browse keys share some (L)
	for _, b := range candidates {
		if w := itemW(b) + sepW; b.Enabled() && !shown[b.Help().Key] && used+w <= s.width {
			chosen, used = append(chosen, b), used+w
			shown[b.Help().Key] = true
		}
	}
	return s.help.ShortHelpView(append(chosen, k.Help))
}

// helpRank orders the browse keys for the bottom line, most useful first:
// building a trace (H when a running CLIENT span can call the shop), the tour, delivering. Keys it does not name follow, in
// the action table's order, so a new key shows without being listed here.
func helpRank(k *KeyMap) []*key.Binding {
	return []*key.Binding{&k.NewTrace, &k.Shop, &k.Learn, &k.Child, &k.Finish, &k.Flush, &k.Retry, &k.StopFlush, &k.Tag, &k.Error,
		&k.Endpoint, &k.Sampler, &k.Options, &k.Quit, &k.Explain, &k.Annotate, &k.Kind, &k.B3, &k.Tab}
}

// rankedBindings is every binding of groups, ranked by helpRank.
func rankedBindings(groups []actionGroup, k *KeyMap) []*key.Binding {
	rank := map[*key.Binding]int{}
	for i, b := range helpRank(k) {
		rank[b] = i + 1
	}
	var out []*key.Binding
	for _, g := range groups {
		for _, a := range g.actions {
			out = append(out, a.binding)
		}
	}
	slices.SortStableFunc(out, func(a, b *key.Binding) int {
		ra, rb := rank[a], rank[b]
		if ra == 0 {
			ra = len(rank) + 1
		}
		if rb == 0 {
			rb = len(rank) + 1
		}
		return ra - rb
	})
	return out
}
