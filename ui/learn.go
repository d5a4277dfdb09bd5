package ui

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// The guided tour (L): lessons are data (lessons/lessons.json), each naming
// a check from lessonChecks, a predicate over the model compared with a
// snapshot taken when the lesson starts, so it notices what the person did
// during the lesson, not what was already on screen.

//go:embed lessons/lessons.json
var lessonsJSON []byte

// lesson is one step of the tour.
type lesson struct {
	Title string   `json:"title"`
	Teach string   `json:"teach"` // what it teaches, two or three sentences
	Keys  []string `json:"keys"`  // the keys it asks for (checked against the keymap in tests)
	Do    string   `json:"do"`    // what to press, in words
	// Select is what the lesson selects when it starts, so the keys it asks
	// for act on the right span: "running" (the latest running span), or "".
	Select string `json:"select"`
	Check  string `json:"check"` // a name in lessonChecks
	// Quote is the line the done text points at, quoted in the lesson so it
	// is read even when its pane is short: "delivery" (the last POST), or "".
	Quote string `json:"quote"`
	Done  string `json:"done"` // what just happened, pointing at the screen
	// AttendeeDone, when set, is Done for a workshop attendee: the lesson's
	// own text points at a key or pane the workshop keeps for the presenter.
	AttendeeDone string `json:"attendee_done"`
}

// doneFor is what just happened, in words that fit what p lets the person do.
func (l lesson) doneFor(p Policy) string {
	if p.Locked != "" && l.AttendeeDone != "" {
		return l.AttendeeDone
	}
	return l.Done
}

// loadLessons parses the embedded lessons and checks that every check name
// exists.
func loadLessons(data []byte) ([]lesson, error) {
	var ls []lesson
	if err := json.Unmarshal(data, &ls); err != nil {
		return nil, fmt.Errorf("lessons: %v", err)
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("lessons: none")
	}
	for i, l := range ls {
		if _, ok := lessonChecks[l.Check]; !ok {
			return nil, fmt.Errorf("lessons[%d] %q: unknown check %q", i, l.Title, l.Check)
		}
		if l.Title == "" || l.Teach == "" || l.Do == "" || l.Done == "" {
			return nil, fmt.Errorf("lessons[%d]: title, teach, do and done are all needed", i)
		}
	}
	return ls, nil
}

// builtinLessons are the embedded lessons. A broken file is a bug the tests
// catch; should one ship, L says why instead of starting.
func builtinLessons() ([]lesson, error) { return loadLessons(lessonsJSON) }

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
func (s *learnSnapshot) refresh(m *Model) {
	s.selected = m.tree.Selected()
	if t := m.session.Tree(); t.Len() != s.freshLen {
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
func (m *Model) snapshot() learnSnapshot {
	s := learnSnapshot{
		spans:     map[*tracing.Node]spanState{},
		freshLen:  m.session.Tree().Len(),
		delivered: m.session.Outbox().Counts().Delivered,
		format:    m.session.Config().B3,
		shopCalls: len(m.shop.answered),
	}
	if m.verify != nil {
		s.readBacks = m.verify.reports
	}
	for _, n := range m.session.Tree().Nodes() {
		s.spans[n] = stateOf(n)
	}
	return s
}

// lessonCheck says whether the lesson's action happened since snap.
type lessonCheck func(m *Model, snap learnSnapshot) bool

// lessonChecks are the checks lessons may name.
var lessonChecks = map[string]lessonCheck{
	"new_root":  newSpan(func(n *tracing.Node) bool { return n.Parent == nil }),
	"new_child": newSpan(func(n *tracing.Node) bool { return n.Parent != nil }),
	"finished": changed(func(was spanState, n *tracing.Node) bool {
		return n.Finished && !was.finished
	}),
	"tag_and_error": func(m *Model, snap learnSnapshot) bool {
		tagged := changed(func(was spanState, n *tracing.Node) bool { return stateOf(n).plainTags > was.plainTags })
		errored := changed(func(was spanState, n *tracing.Node) bool { return stateOf(n).hasError && !was.hasError })
		return tagged(m, snap) && errored(m, snap)
	},
	"client_server": newSpan(func(n *tracing.Node) bool {
		return n.Kind == model.Server && n.Key.Shared && n.Parent != nil &&
			n.Parent.Kind == model.Client && n.Parent.RemoteEndpoint != nil
	}),
	"producer_consumer": newSpan(func(n *tracing.Node) bool {
		return n.Kind == model.Consumer && n.Parent != nil && n.Parent.Kind == model.Producer
	}),
	"unsampled_and_debug": func(m *Model, snap learnSnapshot) bool {
		unsampled := newSpan(func(n *tracing.Node) bool { return n.Parent == nil && !n.Sampled() })
		debug := newSpan(func(n *tracing.Node) bool { return n.Parent == nil && n.Context.Debug })
		return unsampled(m, snap) && debug(m, snap)
	},
	"b3_paste": func(m *Model, snap learnSnapshot) bool {
		pasted := newSpan(func(n *tracing.Node) bool { return n.RemoteParent })
		return m.session.Config().B3 != snap.format && pasted(m, snap)
	},
	"delivered": func(m *Model, snap learnSnapshot) bool {
		return m.session.Outbox().Counts().Delivered > snap.delivered
	},
	"shop_wire": shopWireCheck,
	"read_back": func(m *Model, snap learnSnapshot) bool {
		return m.verify != nil && m.verify.reports > snap.readBacks
	},
}

// newSpan is a check passing when a span started during the lesson matches.
func newSpan(match func(*tracing.Node) bool) lessonCheck {
	return func(m *Model, snap learnSnapshot) bool {
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
	return func(m *Model, snap learnSnapshot) bool {
		for _, n := range snap.fresh {
			if match(spanState{}, n) {
				return true
			}
		}
		n := snap.selected
		return n != nil && match(snap.spans[n], n)
	}
}

// tour is the progress through the lessons; it survives leaving learn mode.
type tour struct {
	lessons []lesson
	current int
	done    []bool
	snap    learnSnapshot
	active  bool
}

func newTour(ls []lesson) *tour { return &tour{lessons: ls, done: make([]bool, len(ls))} }

// Lesson is the current lesson.
func (t *tour) Lesson() lesson { return t.lessons[t.current] }

// Done says whether the current lesson's check has passed.
func (t *tour) Done() bool { return t.done[t.current] }

// check runs the current lesson's check once it is pending; it reports
// whether the lesson has just been completed.
func (t *tour) check(m *Model) bool {
	if !t.active || t.done[t.current] {
		return false
	}
	t.snap.refresh(m)
	if lessonChecks[t.Lesson().Check](m, t.snap) {
		t.done[t.current] = true
		return true
	}
	return false
}

// completed counts the lessons passed.
func (t *tour) completed() int {
	n := 0
	for _, d := range t.done {
		if d {
			n++
		}
	}
	return n
}
