package tracing

import (
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// Node is one span of the playground's tree: the real zipkin.Span plus what
// the inspector shows, mirrored as it was handed to the span.
type Node struct {
	// Key identifies the span; Key.Shared says it is a SERVER span that
	// joined its CLIENT parent's span ID.
	Key     outbox.SpanKey
	Name    string
	Service string
	Kind    model.Kind
	// Context is the span's real context, as zipkin-go made it.
	Context model.SpanContext
	Parent  *Node
	// RemoteParent is set when the trace was continued from B3 headers: the
	// parent span lives in another process.
	RemoteParent   bool
	Children       []*Node
	Depth          int
	Start          time.Time
	Duration       time.Duration
	Finished       bool
	Tags           map[string]string
	Annotations    []model.Annotation
	LocalEndpoint  *model.Endpoint
	RemoteEndpoint *model.Endpoint
	// SamplerReason says why the trace is (not) sampled.
	SamplerReason string

	// Reported is the span model handed to the outbox when a sampled span
	// finished; nil while running or when not sampled.
	Reported *model.SpanModel

	span zipkin.Span
	rows *traceRows // the trace this span is listed in
}

// Sampled reports whether the span will be reported (sampled or debug).
func (n *Node) Sampled() bool {
	return n.Context.Debug || (n.Context.Sampled != nil && *n.Context.Sampled)
}

// Elapsed is the duration of a finished span, or the time it has run so far.
func (n *Node) Elapsed(now time.Time) time.Duration {
	if n.Finished {
		return n.Duration
	}
	return now.Sub(n.Start)
}

// Tree holds every span built in the session, in display order (each trace's
// root followed by its descendants, depth first).
//
// Spans are kept per trace, and a Fenwick tree over the traces' sizes finds
// the i-th row in O(log traces). Starting a span costs O(1) when it lands at
// the end of its trace (a span tree built depth first, a replay, a burst) and
// a copy within its own trace otherwise, never a pass over every span: a
// 100,000-span tree inserts as fast as a 100-span one.
type Tree struct {
	traces []*traceRows
	sizes  fenwick
	total  int
	// running counts unfinished spans, runningSampled those that will be sent.
	running, runningSampled int
}

// traceRows is one trace's spans in display order.
type traceRows struct {
	index int // position in Tree.traces
	rows  []*Node
}

// Len is the number of spans.
func (t *Tree) Len() int { return t.total }

// At is the i-th span in display order, nil when out of range.
func (t *Tree) At(i int) *Node {
	if i < 0 || i >= t.total {
		return nil
	}
	ti, before := t.sizes.find(i)
	return t.traces[ti].rows[i-before]
}

// Index is n's position in display order, -1 when absent.
func (t *Tree) Index(n *Node) int {
	if n == nil || n.rows == nil || n.rows.index >= len(t.traces) || t.traces[n.rows.index] != n.rows {
		return -1
	}
	if at := n.rows.position(n); at >= 0 {
		return t.sizes.prefix(n.rows.index) + at
	}
	return -1
}

// Roots are the traces' first spans, oldest first.
func (t *Tree) Roots() []*Node {
	roots := make([]*Node, len(t.traces))
	for i, tr := range t.traces {
		roots[i] = tr.rows[0]
	}
	return roots
}

// Nodes are all spans in display order, in a new slice.
func (t *Tree) Nodes() []*Node {
	out := make([]*Node, 0, t.total)
	for _, tr := range t.traces {
		out = append(out, tr.rows...)
	}
	return out
}

// Running is the number of spans not finished yet.
func (t *Tree) Running() int { return t.running }

// RunningSampled is the number of unfinished spans that will be reported
// when they finish.
func (t *Tree) RunningSampled() int { return t.runningSampled }

func (t *Tree) addRoot(n *Node) {
	tr := &traceRows{index: len(t.traces), rows: []*Node{n}}
	n.rows = tr
	t.traces = append(t.traces, tr)
	t.sizes.push(1)
	t.added(n)
}

// addChild inserts n after the last descendant of its parent.
func (t *Tree) addChild(parent, n *Node) {
	n.Parent = parent
	n.Depth = parent.Depth + 1
	tr := parent.rows
	at := tr.position(lastDescendant(parent)) + 1
	parent.Children = append(parent.Children, n)
	n.rows = tr
	tr.rows = append(tr.rows, nil)
	copy(tr.rows[at+1:], tr.rows[at:])
	tr.rows[at] = n
	t.sizes.add(tr.index, 1)
	t.added(n)
}

func (t *Tree) added(n *Node) {
	t.total++
	if !n.Finished {
		t.running++
		if n.Sampled() {
			t.runningSampled++
		}
	}
}

// finished notes that a span of the tree finished.
func (t *Tree) finished(n *Node) {
	t.running--
	if n.Sampled() {
		t.runningSampled--
	}
}

// position is n's index within its trace; the search runs from the end, where
// new spans usually land.
func (tr *traceRows) position(n *Node) int {
	for i := len(tr.rows) - 1; i >= 0; i-- {
		if tr.rows[i] == n {
			return i
		}
	}
	return -1
}

func lastDescendant(n *Node) *Node {
	for len(n.Children) > 0 {
		n = n.Children[len(n.Children)-1]
	}
	return n
}

// fenwick is a binary indexed tree of counts: prefix sums and the search for
// the i-th item in O(log n), appends in O(log n).
type fenwick struct{ tree []int }

// push appends a new slot holding v.
func (f *fenwick) push(v int) {
	i := len(f.tree) + 1 // 1-based index of the new slot
	// slot i covers the items (i-lowbit(i), i]
	f.tree = append(f.tree, v+f.prefix(i-1)-f.prefix(i-i&-i))
}

// add adds v to item i (0-based).
func (f *fenwick) add(i, v int) {
	for i++; i <= len(f.tree); i += i & -i {
		f.tree[i-1] += v
	}
}

// prefix is the sum of items [0, n).
func (f *fenwick) prefix(n int) int {
	sum := 0
	for ; n > 0; n -= n & -n {
		sum += f.tree[n-1]
	}
	return sum
}

// find is the item holding the k-th unit (0-based) and the sum of the items
// before it; k must be below the total.
func (f *fenwick) find(k int) (item, before int) {
	pos := 0
	for step := highBit(len(f.tree)); step > 0; step >>= 1 {
		if next := pos + step; next <= len(f.tree) && f.tree[next-1] <= k {
			pos = next
			k -= f.tree[next-1]
			before += f.tree[next-1]
		}
	}
	return pos, before
}

func highBit(n int) int {
	b := 1
	for b*2 <= n {
		b *= 2
	}
	if n == 0 {
		return 0
	}
	return b
}
