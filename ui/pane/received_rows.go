package pane

import (
	"sort"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/receiver"
)

// recvRow is one line of the Received pane: a trace's title (span < 0) or
// one of its spans, indented to its depth.
type recvRow struct {
	trace, span, depth int
}

// recvTrace is a received trace with what its rows need at draw time: its
// time span, for the waterfall.
type recvTrace struct {
	receiver.ReceivedTrace
	first time.Time
	total time.Duration
	errs  int // spans with an error tag
	// services counts its local service names: a trace across services
	// names a narrow row by its service (see narrowName).
	services int
}

// flattenReceived lays the traces out as rows, newest trace first, each as a
// tree: a span under its parent, a shared SERVER span under its CLIENT. A
// span whose parent did not arrive is a root — a shared SERVER span whose
// CLIENT is elsewhere included — and so is any span caught in a parent
// cycle: every span has its row. Made once per arrival, never per frame.
func flattenReceived(traces []receiver.ReceivedTrace) ([]recvTrace, []recvRow) {
	out := make([]recvTrace, len(traces))
	n := 0
	for i, t := range traces {
		out[i] = shapeTrace(t)
		n += len(t.Spans) + 1
	}
	rows := make([]recvRow, 0, n)
	for i := len(out) - 1; i >= 0; i-- {
		rows = append(rows, recvRow{trace: i, span: -1})
		rows = appendTraceRows(rows, i, out[i].Spans)
	}
	return out, rows
}

// shapeTrace measures a trace's time span. A span may come without
// timestamp (legal in Zipkin): it is drawn at the trace's start and does not
// stretch the trace to year 1.
func shapeTrace(t receiver.ReceivedTrace) recvTrace {
	rt := recvTrace{ReceivedTrace: t}
	var last time.Time
	seen := map[string]bool{}
	for _, s := range t.Spans {
		if name := ServiceName(s.LocalEndpoint); !seen[name] {
			seen[name] = true
			rt.services++
		}
		if _, isErr := s.Tags["error"]; isErr {
			rt.errs++
		}
		if s.Timestamp.IsZero() {
			continue
		}
		if rt.first.IsZero() || s.Timestamp.Before(rt.first) {
			rt.first = s.Timestamp
		}
		if e := s.Timestamp.Add(s.Duration); e.After(last) {
			last = e
		}
	}
	rt.total = last.Sub(rt.first)
	return rt
}

// parents is each span's parent (an index into spans), -1 for a root.
func parents(spans []model.SpanModel) []int {
	client := map[model.ID]int{} // the non-shared span of each ID
	server := map[model.ID]int{} // the shared SERVER half of each ID
	for i, s := range spans {
		m := client
		if s.Shared {
			m = server
		}
		if _, dup := m[s.ID]; !dup {
			m[s.ID] = i
		}
	}
	out := make([]int, len(spans))
	for i, s := range spans {
		out[i] = -1
		if c, ok := client[s.ID]; s.Shared && ok && c != i {
			out[i] = c
			continue
		}
		if s.ParentID == nil {
			continue
		}
		// A child made inside the server half of an RPC names the shared ID:
		// it hangs under the SERVER span, as in Zipkin's UI.
		if p, ok := server[*s.ParentID]; ok && p != i {
			out[i] = p
		} else if p, ok := client[*s.ParentID]; ok && p != i {
			out[i] = p
		}
	}
	return out
}

// appendTraceRows appends one trace's spans depth first, children by start
// time, then whatever a parent cycle kept unreached, as roots.
func appendTraceRows(rows []recvRow, trace int, spans []model.SpanModel) []recvRow {
	parent := parents(spans)
	kids := make([][]int, len(spans))
	var roots []int
	for i, p := range parent {
		if p < 0 {
			roots = append(roots, i)
		} else {
			kids[p] = append(kids[p], i)
		}
	}
	byStart := func(idx []int) {
		sort.SliceStable(idx, func(a, b int) bool { return spans[idx[a]].Timestamp.Before(spans[idx[b]].Timestamp) })
	}
	seen := make([]bool, len(spans))
	walk := func(root int) {
		stack := []recvRow{{trace: trace, span: root}}
		for len(stack) > 0 {
			r := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[r.span] {
				continue
			}
			seen[r.span] = true
			rows = append(rows, r)
			k := kids[r.span]
			byStart(k)
			for j := len(k) - 1; j >= 0; j-- { // pushed last first: popped in order
				stack = append(stack, recvRow{trace: trace, span: k[j], depth: r.depth + 1})
			}
		}
	}
	byStart(roots)
	for _, r := range roots {
		walk(r)
	}
	for i := range spans {
		if !seen[i] {
			walk(i)
		}
	}
	return rows
}
