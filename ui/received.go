package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
)

// receivedPane shows what the embedded receiver actually got: each trace as
// a tree with a waterfall of durations, newest first. Focused, it has a
// cursor and shows the selected span's details under the list. It owns the
// receiver's update stream: each receivedMsg lays the rows out again and
// re-arms the wait; a key or a frame costs the same for 100 spans or
// 100,000 (only the visible rows are drawn).
type receivedPane struct {
	paneBase
	traces         []recvTrace
	rows           []recvRow
	stats          receiver.Stats
	cursor, offset int
	// A layout of 100,000 spans takes ~80ms: arrivals in a stream are laid
	// out at most every few layout-times, so keys keep most of the time.
	layoutCost time.Duration
	laidOut    time.Time
	deferred   bool // a receivedLayoutMsg is on its way
	only       serviceFilter
	// backend is what verification read back from another backend; source
	// chooses it or the receiver when both exist.
	backend backendTraces
	source  recvSource
}

// slowLayout is the layout cost from which arrivals are coalesced.
const slowLayout = 10 * time.Millisecond

// receivedLayoutMsg lays out arrivals that were deferred.
type receivedLayoutMsg struct{}

// refresh takes a new snapshot of the receiver, if there is one, and keeps
// the cursor on the row it was on; a cursor on the top row stays there, on
// the newest trace, so what arrives is in view (as tail -f follows).
func (v *receivedPane) refresh() {
	traces, stats, ok := v.current()
	if !ok {
		return
	}
	was, had := v.rowID(v.cursor)
	had = had && v.cursor > 0
	start := time.Now()
	v.traces, v.rows = flattenReceived(v.only.keep(traces))
	v.stats = stats
	v.laidOut = time.Now()
	v.layoutCost = v.laidOut.Sub(start)
	if !had {
		return
	}
	for i := range v.rows {
		if id, _ := v.rowID(i); id == was {
			v.offset += i - v.cursor
			v.cursor = i
			return
		}
	}
}

// recvRowID identifies a row across refreshes.
type recvRowID struct {
	trace model.TraceID
	span  outbox.SpanKey
	title bool
}

func (v *receivedPane) rowID(i int) (recvRowID, bool) {
	if i < 0 || i >= len(v.rows) {
		return recvRowID{}, false
	}
	r := v.rows[i]
	t := v.traces[r.trace]
	if r.span < 0 {
		return recvRowID{trace: t.TraceID, title: true}, true
	}
	return recvRowID{trace: t.TraceID, span: outbox.KeyOf(t.Spans[r.span])}, true
}

// Update lays the rows out again on an arrival (and waits for the next), and
// moves the cursor.
func (v *receivedPane) Update(msg tea.Msg) (component, tea.Cmd) {
	switch msg := msg.(type) {
	case receivedMsg:
		wait := waitReceived(v.session.Receiver())
		if v.deferred {
			return v, wait
		}
		if gap := 4*v.layoutCost - time.Since(v.laidOut); v.layoutCost > slowLayout && gap > 0 {
			v.deferred = true
			return v, tea.Batch(wait, tea.Tick(gap, func(time.Time) tea.Msg { return receivedLayoutMsg{} }))
		}
		v.refresh()
		return v, wait
	case receivedLayoutMsg:
		v.deferred = false
		v.refresh()
	case receiverStartedMsg:
		return v, v.adopt(msg)
	case tea.KeyMsg:
		listH, _ := v.split()
		v.cursor = navigate(v.keys, msg, v.cursor, max(1, listH-1), len(v.rows)-1)
		v.clamp(listH)
	}
	return v, nil
}

// ShortHelp is the movement keys.
func (v *receivedPane) ShortHelp() []key.Binding { return navKeys(v.keys) }

// FullHelp is the movement keys.
func (v *receivedPane) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(v.keys)} }

// Title names the pane with the receiver's counts.
func (v *receivedPane) Title() string {
	if v.showsBackend() {
		return v.backendTitle()
	}
	counts := fmt.Sprintf(" · %s in %s", plural(v.stats.Spans, "span"), plural(v.stats.Batches, "batch"))
	var notes, short string
	if v.stats.Duplicates > 0 {
		notes += " · " + plural(v.stats.Duplicates, "duplicate span") + " stored once"
		short += " · " + plural(v.stats.Duplicates, "duplicate")
	}
	if v.stats.Evicted > 0 {
		notes += " · " + plural(v.stats.Evicted, "old trace") + " evicted"
		short += fmt.Sprintf(" · %d evicted", v.stats.Evicted)
	}
	// Longest first; what the pane is and how much arrived stay longest.
	return fitTitle(v.width, "Received by the embedded receiver"+counts+notes, "Received"+counts+notes,
		"Received"+counts+short, "Received"+counts, "Received · "+plural(v.stats.Spans, "span")+short,
		"Received · "+plural(v.stats.Spans, "span"))
}

// split is the rows' height and the selected span's below them (focused,
// with room for both), or all rows. The details get what they need and the
// list the rest, keeping at least a third (one detail costs what a frame
// does: a span's lines).
func (v *receivedPane) split() (listH, detailH int) {
	if !v.focused || v.height < 8 || len(v.rows) == 0 {
		return v.height, 0
	}
	need := 1 + len(v.detail(v.rows[max(0, min(v.cursor, len(v.rows)-1))])) // the rule, then the lines
	listH = min(len(v.rows), v.height-need)
	listH = max(listH, min(len(v.rows), max(3, v.height/3)))
	listH = max(3, listH)
	return listH, v.height - listH
}

// clamp keeps the cursor in the rows and in the window.
func (v *receivedPane) clamp(h int) {
	v.cursor = max(0, min(v.cursor, len(v.rows)-1))
	h = max(1, h)
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+h {
		v.offset = v.cursor - h + 1
	}
	v.offset = max(0, min(v.offset, max(0, len(v.rows)-h)))
}

// View renders the visible rows, and the selected row's details when focused.
func (v *receivedPane) View() string {
	if len(v.rows) == 0 {
		return v.styles.Dim.Render(strings.Join(wrap(v.empty(), v.width), "\n"))
	}
	listH, detailH := v.split()
	v.clamp(listH)
	lines := v.rowLines(v.offset, min(len(v.rows), v.offset+listH))
	if detailH == 0 {
		return strings.Join(lines, "\n")
	}
	for len(lines) < listH {
		lines = append(lines, "")
	}
	detail := v.detail(v.rows[v.cursor])
	if len(detail) > detailH-1 {
		more := len(detail) - (detailH - 2)
		detail = append(detail[:max(0, detailH-2)], v.styles.Dim.Render("… "+plural(more, "more line")))
	}
	rule := v.styles.Title.Render(fitLine("── selected "+strings.Repeat("─", v.width), v.width))
	return strings.Join(append(append(lines, rule), detail...), "\n")
}

// rowLines draws rows [from, to); the cursor's row is reversed when focused.
func (v *receivedPane) rowLines(from, to int) []string {
	out := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		selected := v.focused && i == v.cursor
		row := v.row(v.rows[i], selected)
		if v.focused { // the cursor shows without colour too
			mark := " "
			if selected {
				mark = "▶"
			}
			row = mark + row
		}
		row = fitLine(row, v.width)
		if selected {
			row = v.styles.Selected.Render(row)
		}
		out = append(out, row)
	}
	return out
}

// row is a trace's title, or a span: its name indented to its depth, kind,
// service, error marker and duration, then its waterfall bar. When the
// line is too narrow the name gives way, not the facts.
func (v *receivedPane) row(r recvRow, plain bool) string {
	w := v.width
	if v.focused {
		w-- // the cursor's column
	}
	st := v.styles
	paint := func(style lipgloss.Style, s string) string {
		if plain {
			return s
		}
		return style.Render(s)
	}
	t := &v.traces[r.trace]
	if r.span < 0 {
		title := fmt.Sprintf("trace %s · %s · %s", t.TraceID, plural(len(t.Spans), "span"), shortDur(t.total))
		if t.errs > 0 {
			title += " · " + plural(t.errs, "error")
		}
		return paint(st.Title, title)
	}
	s := t.Spans[r.span]
	labelW := max(10, w*3/5)
	if w < 60 { // a narrow pane: the names before the bars
		labelW = max(10, w*3/4)
	}
	_, isErr := s.Tags["error"]
	dur := " " + shortDur(s.Duration) // never cut: only a long name is
	indent := strings.Repeat(depthIndent(w), min(r.depth, 16))
	name := indent + safe(s.Name)
	facts := v.rowFacts(s, isErr, paint, true)
	room := labelW - lipgloss.Width(facts) - len([]rune(dur))
	if lipgloss.Width(name) > room && room < 12 { // narrow: the service gives way (the details show it)
		facts = v.rowFacts(s, isErr, paint, false)
		room = labelW - lipgloss.Width(facts) - len([]rune(dur))
		name = narrowName(t, s, indent, name)
	}
	if lipgloss.Width(name) > room {
		name = fitLine(name, max(4, room)-1) + "…"
	}
	label := fitLine(name+facts, labelW-len([]rune(dur))) + dur
	var offset time.Duration
	if !s.Timestamp.IsZero() {
		offset = s.Timestamp.Sub(t.first)
	}
	barW := max(4, w-lipgloss.Width(label)-1)
	return label + " " + v.bar(offset, s.Duration, t.total, barW, isErr, plain)
}

// rowFacts is what a span's row says after its name: kind, service (when
// withService) and the error marker.
func (v *receivedPane) rowFacts(s model.SpanModel, isErr bool, paint func(lipgloss.Style, string) string, withService bool) string {
	var b strings.Builder
	if s.Kind != "" {
		b.WriteString(" " + paint(v.styles.Kind, "["+string(s.Kind)+"]"))
	}
	if svc := serviceName(s.LocalEndpoint); svc != "" && withService {
		b.WriteString(" " + paint(v.styles.Dim, safe(svc)))
	}
	if isErr {
		b.WriteString(" " + paint(v.styles.Err, "✗"))
	}
	return b.String()
}

func serviceName(e *model.Endpoint) string {
	if e == nil {
		return ""
	}
	return e.ServiceName
}

// bar is the waterfall: an offset and a length proportional to the trace.
func (v *receivedPane) bar(offset, d, total time.Duration, w int, isErr, plain bool) string {
	if total <= 0 {
		total = 1
	}
	from := max(0, int(float64(offset)/float64(total)*float64(w)))
	n := max(1, int(float64(d)/float64(total)*float64(w)+0.5))
	from = min(from, w-1)
	n = min(n, w-from)
	bar := strings.Repeat("█", n)
	if !plain {
		style := v.styles.Bar
		if isErr {
			style = v.styles.Err
		}
		bar = style.Render(bar)
	}
	return strings.Repeat(" ", from) + bar
}
