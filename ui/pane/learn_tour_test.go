package pane

import (
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	tea "github.com/charmbracelet/bubbletea"
)

// TestTourRunsWithoutTheRoot drives the lesson pane alone, built from the
// shared context, the tree and the delivery log as the root builds it: the
// tour starts and says so by a request, lesson 1 passes only once a root
// span starts, and leaving hands the focus back to the tree by a request.
func TestTourRunsWithoutTheRoot(t *testing.T) {
	t.Parallel()
	c := componenttest.NewCommon(t, component.Policy{})
	c.Verify = component.NewVerification()
	s := c.Session
	tree := NewTree(c)
	p := NewLearn(c, tree, NewDeliveryLog(c), func() []AnsweredCall { return nil })

	p.Toggle()
	if !p.Active() || p.Tour.current != 0 {
		t.Fatalf("toggle must start the tour at lesson 1: active %v, lesson %d", p.Active(), p.Tour.current+1)
	}
	if said := statusOf(c.Requests); said != "Lesson 1/11: A trace and its root span" {
		t.Errorf("starting says %q", said)
	}
	p.Check()
	if p.Tour.Done() {
		t.Fatal("lesson 1 passed before any span started")
	}
	if _, err := s.NewTrace("GET /checkout"); err != nil {
		t.Fatal(err)
	}
	p.Check()
	if !p.Tour.Done() {
		t.Fatal("lesson 1 must pass once a root span started")
	}

	c.Requests = nil
	p.Focus()
	p.Toggle()
	if p.Active() {
		t.Fatal("toggle must leave the tour")
	}
	if len(c.Requests) == 0 {
		t.Fatal("leaving asked nothing of the root")
	}
	if f, ok := c.Requests[0].(component.FocusMsg); !ok || f.C != component.Component(tree) {
		t.Errorf("leaving with the keys must give them to the tree, asked %#v", c.Requests[0])
	}
	if said := statusOf(c.Requests); said != "Left the tour at lesson 1/11 (1 done); L resumes it." {
		t.Errorf("leaving says %q", said)
	}
}

// statusOf is the last status the requests ask for.
func statusOf(requests []tea.Msg) string {
	said := ""
	for _, r := range requests {
		if s, ok := r.(component.StatusMsg); ok {
			said = s.Text
		}
	}
	return said
}
