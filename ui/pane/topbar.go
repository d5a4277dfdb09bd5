package pane

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/ui/settings"
)

// TopBar is the top bar: the endpoint (masked), then the outbox counts,
// then the settings with a place of their own and the next kind, always in
// that order: each keeps its place, and what does not fit wraps to a line of
// its own rather than being left out; then what differs from the defaults.
// Below oneTopLineH rows it is one line, the counts first, and what does not
// fit is left out.
type TopBar struct {
	*component.Common
	nextKind model.Kind
}

// Lines draws the bar w columns wide.
func (m TopBar) Lines(w, h int) []string {
	st := m.Styles
	kv := func(k, v string) string { return st.TopKey.Render(k+" ") + st.TopBar.Render(v) }
	cfg := m.LiveConfig()
	ep := m.Session.Endpoint().Display(m.Reveal)
	if m.Session.Endpoint().Local && m.Session.Receiver() != nil {
		ep = "embedded receiver " + m.Session.Receiver().URL()
	}
	endpoint, counts := kv("endpoint", ep), st.TopBar.Render(m.counts(w))
	var rest []string
	for _, s := range settings.Table() {
		if s.Top != "" && s.Flag != "endpoint" { // the endpoint leads the bar, shown above
			rest = append(rest, kv(s.Top, component.Safe(s.Value(cfg))))
		}
	}
	rest = append(rest, kv("next kind", component.KindName(m.nextKind)))
	var lines [][]string
	if h < component.OneTopLineH {
		lines = [][]string{{counts}}
		fill(lines, append([]string{endpoint}, rest...), w)
	} else {
		lines = flow([][]string{{endpoint}, {counts}}, rest, w)
	}
	fitSettings(lines, dialog.NonDefaultSettings(cfg), w, kv)
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, st.TopBar.Render(component.FitLine(strings.Join(l, st.TopBar.Render("  ")), w)))
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
func (m TopBar) counts(w int) string {
	c := m.Session.Outbox().Counts()
	n := []any{m.Session.Tree().Running(), c.Queued + c.Sending, c.Delivered, c.Failed}
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

// NewTopBar is the bar over the session; next is the kind the next span
// will be.
func NewTopBar(c *component.Common, next model.Kind) TopBar { return TopBar{Common: c, nextKind: next} }
