package pane

import (
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// lessonWorld is what the lesson checks watch: the session and the query
// API's reports (the shared context), the span selected in the tree (the
// keys a lesson asks for act on it) and the calls the demo shop answered.
type lessonWorld struct {
	*component.Common
	selected  func() *tracing.Node
	shopCalls func() []AnsweredCall
}

// spanState is what a check compares for one span.
type spanState struct {
	finished    bool
	plainTags   int // tags other than error
	hasError    bool
	annotations int
}

// learnSnapshot is the model as it was when a lesson started, and the spans
// started since (found again only when the tree grows, so a check costs
// little on a big tree).
type learnSnapshot struct {
	spans     map[*tracing.Node]spanState
	delivered int
	format    b3.Format
	readBacks int
	shopCalls int // calls the demo shop answered

	fresh    []*tracing.Node // spans started since the snapshot
	freshLen int             // the tree's length when fresh was listed
	selected *tracing.Node   // the selection when the check runs
}

// refresh lists the spans started since the snapshot when the tree grew,
// and notes the selection: the keys a lesson asks for act on it.
func (s *learnSnapshot) refresh(w lessonWorld) {
	s.selected = w.selected()
	if t := w.Session.Tree(); t.Len() != s.freshLen {
		s.fresh, s.freshLen = s.fresh[:0], t.Len()
		for _, n := range t.Nodes() {
			if _, old := s.spans[n]; !old {
				s.fresh = append(s.fresh, n)
			}
		}
	}
}

func stateOf(n *tracing.Node) spanState {
	_, isErr := n.Tags["error"]
	tags := len(n.Tags)
	if isErr {
		tags--
	}
	return spanState{finished: n.Finished, plainTags: tags, hasError: isErr, annotations: len(n.Annotations)}
}

// snapshot records what the checks compare against.
func (w lessonWorld) snapshot() learnSnapshot {
	s := learnSnapshot{
		spans:     map[*tracing.Node]spanState{},
		freshLen:  w.Session.Tree().Len(),
		delivered: w.Session.Outbox().Counts().Delivered,
		format:    w.Session.Config().B3,
		shopCalls: len(w.shopCalls()),
	}
	if w.Verify != nil {
		s.readBacks = w.Verify.Reports
	}
	for _, n := range w.Session.Tree().Nodes() {
		s.spans[n] = stateOf(n)
	}
	return s
}

// lessonCheck says whether the lesson's action happened since snap.
type lessonCheck func(w lessonWorld, snap learnSnapshot) bool

// lessonChecks are the checks lessons may name.
var lessonChecks = map[string]lessonCheck{
	"new_root":  newSpan(func(n *tracing.Node) bool { return n.Parent == nil }),
	"new_child": newSpan(func(n *tracing.Node) bool { return n.Parent != nil }),
	"finished": changed(func(was spanState, n *tracing.Node) bool {
		return n.Finished && !was.finished
	}),
	"tag_and_error": func(w lessonWorld, snap learnSnapshot) bool {
		tagged := changed(func(was spanState, n *tracing.Node) bool { return stateOf(n).plainTags > was.plainTags })
		errored := changed(func(was spanState, n *tracing.Node) bool { return stateOf(n).hasError && !was.hasError })
		return tagged(w, snap) && errored(w, snap)
	},
	"client_server": newSpan(func(n *tracing.Node) bool {
		return n.Kind == model.Server && n.Key.Shared && n.Parent != nil &&
			n.Parent.Kind == model.Client && n.Parent.RemoteEndpoint != nil
	}),
	"producer_consumer": newSpan(func(n *tracing.Node) bool {
		return n.Kind == model.Consumer && n.Parent != nil && n.Parent.Kind == model.Producer
	}),
	"unsampled_and_debug": func(w lessonWorld, snap learnSnapshot) bool {
		unsampled := newSpan(func(n *tracing.Node) bool { return n.Parent == nil && !n.Sampled() })
		debug := newSpan(func(n *tracing.Node) bool { return n.Parent == nil && n.Context.Debug })
		return unsampled(w, snap) && debug(w, snap)
	},
	"b3_paste": func(w lessonWorld, snap learnSnapshot) bool {
		pasted := newSpan(func(n *tracing.Node) bool { return n.RemoteParent })
		return w.Session.Config().B3 != snap.format && pasted(w, snap)
	},
	"delivered": func(w lessonWorld, snap learnSnapshot) bool {
		return w.Session.Outbox().Counts().Delivered > snap.delivered
	},
	"shop_wire": shopWireCheck,
	"read_back": func(w lessonWorld, snap learnSnapshot) bool {
		return w.Verify != nil && w.Verify.Reports > snap.readBacks
	},
}

// newSpan is a check passing when a span started during the lesson matches.
func newSpan(match func(*tracing.Node) bool) lessonCheck {
	return func(w lessonWorld, snap learnSnapshot) bool {
		for _, n := range snap.fresh {
			if match(n) {
				return true
			}
		}
		return false
	}
}

// changed is a check passing when a span changed as described: one started
// during the lesson (compared with the zero state), or the selected one —
// f, t and e act on the selection, and the check runs right after the key.
func changed(match func(was spanState, n *tracing.Node) bool) lessonCheck {
	return func(w lessonWorld, snap learnSnapshot) bool {
		for _, n := range snap.fresh {
			if match(spanState{}, n) {
				return true
			}
		}
		n := snap.selected
		return n != nil && match(snap.spans[n], n)
	}
}

// shopWireCheck passes when, during the lesson, the shop answered a sampled
// call that reached payments and an unsampled one.
func shopWireCheck(w lessonWorld, snap learnSnapshot) bool {
	var sampled, unsampled bool
	calls := w.shopCalls()
	for _, c := range calls[min(snap.shopCalls, len(calls)):] {
		switch {
		case !c.Sampled:
			unsampled = true
		case c.Service != "inventory":
			sampled = true // gateway and checkout call payments
		}
	}
	return sampled && unsampled
}

// AnsweredCall is what the tour needs to know of one call.
type AnsweredCall struct {
	Service string
	Sampled bool // the request said X-B3-Sampled: 1 or X-B3-Flags: 1
}
