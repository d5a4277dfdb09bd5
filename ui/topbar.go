package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/ui/component"
)

// statusLines is the status wrapped whole. A status is read once, as it
// comes, so a long one (an endpoint with its warnings, an error naming a
// URL) takes the lines it needs, up to a quarter of the screen (three lines
// at least, two on a small screen): at 80×24, six lines of 80 columns. Only
// text longer than that is cut.
func statusLines(status string, w, h int) []string {
	lines := component.Wrap(component.Safe(status), w)
	limit := 3
	if h < borderlessH {
		limit = 2
	}
	limit = max(limit, h/4)
	if len(lines) > limit {
		lines = lines[:limit]
		lines[limit-1] = component.FitLine(lines[limit-1], w-1) + "…"
	}
	return lines
}

// helpLine is the bottom line in mode md: the open dialog d's keys, or the
// enabled browse keys by rank as they fit, always ending with the help key.
func (s *screen) helpLine(md mode, d component.Dialog) string {
	k := s.Keys
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
func helpRank(k *component.KeyMap) []*key.Binding {
	return []*key.Binding{&k.NewTrace, &k.Shop, &k.Learn, &k.Child, &k.Finish, &k.Flush, &k.Retry, &k.StopFlush, &k.Tag, &k.Error,
		&k.Endpoint, &k.Sampler, &k.Options, &k.Quit, &k.Explain, &k.Annotate, &k.Kind, &k.B3, &k.Tab}
}

// rankedBindings is every binding of groups, ranked by helpRank.
func rankedBindings(groups []actionGroup, k *component.KeyMap) []*key.Binding {
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
