package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// receivedPane shows what the embedded receiver actually got: each trace as
// a tree with a waterfall of durations. It owns the receiver's update
// stream: each receivedMsg refreshes the snapshot and re-arms the wait.
type receivedPane struct {
	paneBase
	traces []tracing.ReceivedTrace
	stats  tracing.ReceiverStats
	scroll int
}

// refresh takes a new snapshot of the receiver, if there is one.
func (v *receivedPane) refresh() {
	if r := v.session.Receiver(); r != nil {
		v.traces, v.stats = r.Traces(), r.Stats()
	}
}

// Update refreshes on an arrival (and waits for the next), and scrolls.
func (v *receivedPane) Update(msg tea.Msg) (component, tea.Cmd) {
	switch msg := msg.(type) {
	case receivedMsg:
		v.refresh()
		return v, waitReceived(v.session.Receiver())
	case tea.KeyMsg:
		v.scroll = navigate(v.keys, msg, v.scroll, v.height, v.lineCount())
	}
	return v, nil
}

// ShortHelp is the movement keys.
func (v *receivedPane) ShortHelp() []key.Binding { return navKeys(v.keys) }

// FullHelp is the movement keys.
func (v *receivedPane) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(v.keys)} }

// lineCount is how many lines the traces take, the scroll's upper bound.
func (v *receivedPane) lineCount() int {
	n := 0
	for _, t := range v.traces {
		n += len(t.Spans) + 1 // a title line per trace
	}
	return n
}

// Title names the pane with the receiver's counts.
func (v *receivedPane) Title() string {
	t := fmt.Sprintf("Received by the embedded receiver · %s in %s", plural(v.stats.Spans, "span"), plural(v.stats.Batches, "batch"))
	if v.stats.Evicted > 0 {
		t += " · " + plural(v.stats.Evicted, "old trace") + " evicted"
	}
	return t
}

// View renders the newest traces first, as trees with waterfall bars.
func (v *receivedPane) View() string {
	if len(v.traces) == 0 {
		return v.styles.Dim.Render("Nothing arrived yet. Finish spans (f) and flush (F):\nwhat the receiver decodes shows up here.")
	}
	var lines []string
	for i := len(v.traces) - 1; i >= 0 && len(lines) < v.scroll+v.height; i-- {
		lines = append(lines, v.traceLines(v.traces[i])...)
	}
	start := min(v.scroll, max(0, len(lines)-1))
	end := min(len(lines), start+v.height)
	return strings.Join(lines[start:end], "\n")
}

// traceShape is a received trace arranged for the waterfall: its roots and
// each span's children (indices into spans), and its time span.
type traceShape struct {
	roots       []int
	children    map[model.ID][]int
	first, last time.Time
}

func shapeOf(spans []model.SpanModel) traceShape {
	sh := traceShape{children: map[model.ID][]int{}}
	ids := map[model.ID]bool{}
	for _, s := range spans {
		ids[s.ID] = true
	}
	for i, s := range spans {
		// A span may come without timestamp (legal in Zipkin): it is drawn at
		// the trace's start and does not stretch the trace to year 1.
		if !s.Timestamp.IsZero() && (sh.first.IsZero() || s.Timestamp.Before(sh.first)) {
			sh.first = s.Timestamp
		}
		if e := s.Timestamp.Add(s.Duration); !s.Timestamp.IsZero() && e.After(sh.last) {
			sh.last = e
		}
		// A shared SERVER span has its client's ID; it hangs under that span.
		switch {
		case s.Shared:
			sh.children[s.ID] = append(sh.children[s.ID], i)
		case s.ParentID != nil && ids[*s.ParentID]:
			sh.children[*s.ParentID] = append(sh.children[*s.ParentID], i)
		default:
			sh.roots = append(sh.roots, i)
		}
	}
	return sh
}

func (v *receivedPane) traceLines(t tracing.ReceivedTrace) []string {
	spans := t.Spans
	if len(spans) == 0 {
		return nil
	}
	sh := shapeOf(spans)
	total := sh.last.Sub(sh.first)
	labelW := max(10, v.width/2)
	if v.width < 60 { // a narrow pane: the names before the bars
		labelW = max(10, v.width*2/3)
	}
	if v.width < 60 { // a narrow pane: the names before the bars
		labelW = max(10, v.width*2/3)
	}
	barW := max(4, v.width-labelW-1)
	// The title wraps and the duration is never cut: only a long name is.
	lines := wrap(v.styles.Title.Render(fmt.Sprintf("trace %s · %s · %s", t.TraceID, plural(len(spans), "span"), shortDur(total))), v.width)
	byStart := func(idx []int) {
		sort.Slice(idx, func(a, b int) bool { return spans[idx[a]].Timestamp.Before(spans[idx[b]].Timestamp) })
	}
	var walk func(i, depth int)
	seen := map[int]bool{}
	walk = func(i, depth int) {
		if seen[i] || depth > 64 {
			return
		}
		seen[i] = true
		s := spans[i]
		label := strings.Repeat(" ", depth*2) + safe(s.Name) // from outside: never raw on the terminal
		if s.Kind != "" {
			label += " [" + string(s.Kind) + "]"
		}
		dur := " " + shortDur(s.Duration) // never cut: only a long name is
		label = fitLine(label, max(1, labelW-len([]rune(dur)))) + dur
		var offset time.Duration
		if !s.Timestamp.IsZero() {
			offset = s.Timestamp.Sub(sh.first)
		}
		lines = append(lines, label+" "+v.bar(offset, s.Duration, total, barW, s.Tags["error"] != ""))
		kids := sh.children[s.ID]
		byStart(kids)
		for _, k := range kids {
			if k != i {
				walk(k, depth+1)
			}
		}
	}
	byStart(sh.roots)
	for _, r := range sh.roots {
		walk(r, 0)
	}
	return lines
}

// bar is the waterfall: an offset and a length proportional to the trace.
func (v *receivedPane) bar(offset, d, total time.Duration, w int, isErr bool) string {
	if total <= 0 {
		total = 1
	}
	from := max(0, int(float64(offset)/float64(total)*float64(w)))
	n := max(1, int(float64(d)/float64(total)*float64(w)+0.5))
	from = min(from, w-1)
	n = min(n, w-from)
	style := v.styles.Bar
	if isErr {
		style = v.styles.Err
	}
	return strings.Repeat(" ", from) + style.Render(strings.Repeat("█", n))
}
