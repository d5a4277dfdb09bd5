package tracing

import (
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// Subtree is n and its descendants, in display order.
func (t *Tree) Subtree(n *Node) []*Node {
	if t.Index(n) < 0 {
		return nil
	}
	from := n.rows.position(n)
	to := n.rows.position(lastDescendant(n))
	return append([]*Node(nil), n.rows.rows[from:to+1]...)
}

// Discard removes n and its subtree from the session as if they had never
// been started, when none of them was sent: running spans are finished with
// their reports dropped, queued ones leave the outbox. Nothing changes when
// a span of the subtree was sent or tried (outbox.ErrAlreadySent). It returns how
// many spans went.
func (s *Session) Discard(n *Node) (int, error) {
	if n == nil {
		return 0, errNoSpan
	}
	nodes := s.tree.Subtree(n)
	if nodes == nil {
		return 0, errNoSpan
	}
	var queued []outbox.SpanKey
	for _, d := range nodes {
		if d.Reported != nil {
			queued = append(queued, d.Key)
		}
	}
	if err := s.outbox.Withdraw(queued); err != nil {
		return 0, err
	}
	for _, d := range nodes {
		if !d.Finished {
			s.finishUnreported(d)
		}
	}
	s.tree.remove(n, len(nodes))
	return len(nodes), nil
}

// finishUnreported ends a running span without handing it to the outbox:
// zipkin-go holds nothing of a span once it finished.
func (s *Session) finishUnreported(n *Node) {
	n.Finished = true
	s.tree.finished(n)
	s.recorder.capture = func(model.SpanModel) {}
	s.recorder.drop = true
	n.span.Finish()
	s.recorder.capture, s.recorder.drop = nil, false
}

// remove takes n and the count spans of its subtree out of the tree.
func (t *Tree) remove(n *Node, count int) {
	tr := n.rows
	at := tr.position(n)
	tr.rows = append(tr.rows[:at], tr.rows[at+count:]...)
	t.total -= count
	if p := n.Parent; p != nil {
		if i := indexOf(p.Children, n); i >= 0 {
			p.Children = append(p.Children[:i], p.Children[i+1:]...)
		}
		t.sizes.add(tr.index, -count)
		return
	}
	// The trace went with its root: the traces after it move up one, and the
	// sizes are counted again (a delete is rare; starting spans stays O(1)).
	t.traces = append(t.traces[:tr.index], t.traces[tr.index+1:]...)
	t.sizes = fenwick{}
	for i, rest := range t.traces {
		rest.index = i
		t.sizes.push(len(rest.rows))
	}
	tr.rows = nil
}

func indexOf(nodes []*Node, n *Node) int {
	for i, c := range nodes {
		if c == n {
			return i
		}
	}
	return -1
}
