package tracing

import (
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
)

// SpanKey identifies a span in the outbox and the tree. A shared SERVER span
// has its client's span ID, so Shared is part of the key.
type SpanKey struct {
	TraceID model.TraceID
	ID      model.ID
	Shared  bool
}

// KeyOf is the key of a reported span model.
func KeyOf(m model.SpanModel) SpanKey {
	return SpanKey{TraceID: m.TraceID, ID: m.ID, Shared: m.Shared}
}

// Node is one span of the playground's tree: the real zipkin.Span plus what
// the inspector shows, mirrored as it was handed to the span.
type Node struct {
	// Key identifies the span; Key.Shared says it is a SERVER span that
	// joined its CLIENT parent's span ID.
	Key     SpanKey
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
type Tree struct {
	order []*Node
	roots []*Node
}

// Len is the number of spans.
func (t *Tree) Len() int { return len(t.order) }

// At is the i-th span in display order, nil when out of range.
func (t *Tree) At(i int) *Node {
	if i < 0 || i >= len(t.order) {
		return nil
	}
	return t.order[i]
}

// Index is n's position in display order, -1 when absent.
func (t *Tree) Index(n *Node) int {
	for i, m := range t.order {
		if m == n {
			return i
		}
	}
	return -1
}

// Roots are the traces' first spans, oldest first.
func (t *Tree) Roots() []*Node { return t.roots }

// Nodes are all spans in display order. The slice must not be modified.
func (t *Tree) Nodes() []*Node { return t.order }

func (t *Tree) addRoot(n *Node) {
	t.roots = append(t.roots, n)
	t.order = append(t.order, n)
}

// addChild inserts n after the last descendant of its parent.
func (t *Tree) addChild(parent, n *Node) {
	n.Parent = parent
	n.Depth = parent.Depth + 1
	at := t.Index(lastDescendant(parent)) + 1
	parent.Children = append(parent.Children, n)
	t.order = append(t.order, nil)
	copy(t.order[at+1:], t.order[at:])
	t.order[at] = n
}

func lastDescendant(n *Node) *Node {
	for len(n.Children) > 0 {
		n = n.Children[len(n.Children)-1]
	}
	return n
}
