package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// TestTourRunsWithoutTheRoot drives the lesson pane alone, built from the
// shared context, the tree and the delivery log as the root builds it: the
// tour starts and says so by a request, lesson 1 passes only once a root
// span starts, and leaving hands the focus back to the tree by a request.
func TestTourRunsWithoutTheRoot(t *testing.T) {
	t.Parallel()
	s := newSession(t)
	st, keys := DefaultStyles(), DefaultKeyMap()
	c := &common{session: s, styles: &st, keys: &keys, now: time.Now, verify: newVerification()}
	tree := &treePane{paneBase: paneBase{common: c}}
	p := newLearnPane(c, tree, newDeliveryLog(c), func() []answeredCall { return nil })

	p.toggle()
	if !p.active() || p.tour.current != 0 {
		t.Fatalf("toggle must start the tour at lesson 1: active %v, lesson %d", p.active(), p.tour.current+1)
	}
	if said := statusOf(c.requests); said != "Lesson 1/11: A trace and its root span" {
		t.Errorf("starting says %q", said)
	}
	p.check()
	if p.tour.Done() {
		t.Fatal("lesson 1 passed before any span started")
	}
	if _, err := s.NewTrace("GET /checkout"); err != nil {
		t.Fatal(err)
	}
	p.check()
	if !p.tour.Done() {
		t.Fatal("lesson 1 must pass once a root span started")
	}

	c.requests = nil
	p.Focus()
	p.toggle()
	if p.active() {
		t.Fatal("toggle must leave the tour")
	}
	if len(c.requests) == 0 {
		t.Fatal("leaving asked nothing of the root")
	}
	if f, ok := c.requests[0].(focusMsg); !ok || f.c != component(tree) {
		t.Errorf("leaving with the keys must give them to the tree, asked %#v", c.requests[0])
	}
	if said := statusOf(c.requests); said != "Left the tour at lesson 1/11 (1 done); L resumes it." {
		t.Errorf("leaving says %q", said)
	}
}

// statusOf is the last status the requests ask for.
func statusOf(requests []tea.Msg) string {
	said := ""
	for _, r := range requests {
		if s, ok := r.(statusMsg); ok {
			said = s.text
		}
	}
	return said
}
