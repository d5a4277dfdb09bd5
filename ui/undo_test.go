package ui

import (
	"strings"
	"testing"
)

// delete asks, then takes the selected span and its subtree back: the
// running child ends unreported, the queued one leaves the outbox; n keeps
// everything.
func TestDeleteTakesBackASubtree(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "c", "enter", "c", "enter", "f") // root, child, finished grandchild
	m, _ = press(t, m, "up")                                          // the child
	child := m.tree.Selected()
	if child == nil || child.Parent == nil || child.Parent.Parent != nil {
		t.Fatalf("selected %+v, want the child", child)
	}
	m, _ = press(t, m, "delete")
	if !strings.Contains(m.status, "2 spans: 1 running, 1 queued, none sent") {
		t.Fatalf("delete must ask with what goes: %q", m.status)
	}
	m, _ = press(t, m, "n")
	if m.common.Session.Tree().Len() != 3 || m.dialog != nil {
		t.Fatalf("n must keep every span: %d", m.common.Session.Tree().Len())
	}
	m, _ = press(t, m, "backspace", "y")
	if want, have := 1, m.common.Session.Tree().Len(); want != have {
		t.Fatalf("spans after delete: want %d, have %d", want, have)
	}
	if c := m.common.Session.Outbox().Counts(); c.Queued != 0 || m.common.Session.Tree().Running() != 1 {
		t.Errorf("the queued span must leave the outbox and the running one end: %+v, running %d", c, m.common.Session.Tree().Running())
	}
	if sel := m.tree.Selected(); sel == nil || sel.Parent != nil {
		t.Errorf("the parent is selected after a delete: %+v", sel)
	}
	if !strings.Contains(m.status, "Deleted") {
		t.Errorf("status: %q", m.status)
	}
}

// A span a collector took stays: delete says why and asks nothing.
func TestDeleteRefusesWhatWasSent(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	m, _ = press(t, m, "delete")
	if m.dialog != nil || !m.statusBad || !strings.Contains(m.status, "already sent") {
		t.Fatalf("delete of a delivered span: dialog %v, status %q", m.dialog, m.status)
	}
	if want, have := 1, m.common.Session.Tree().Len(); want != have {
		t.Errorf("spans: want %d, have %d", want, have)
	}
}

// N asks, then deletes every span not sent; what was delivered stays.
func TestNewSessionClearsWhatWasNotSent(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	sent := m.tree.Selected()
	m, _ = press(t, m, "c", "enter", "n", "enter", "c", "enter", "f", "K", "N")
	if !strings.Contains(m.status, "New session") || m.dialog == nil {
		t.Fatalf("N must ask first: %q", m.status)
	}
	m, _ = press(t, m, "y")
	if want, have := 1, m.common.Session.Tree().Len(); want != have || m.common.Session.Tree().At(0) != sent {
		t.Fatalf("after N: want only the delivered span, have %d spans", have)
	}
	if c := m.common.Session.Outbox().Counts(); c.Queued != 0 || c.Delivered != 1 {
		t.Errorf("outbox after N: %+v", c)
	}
	if !strings.Contains(m.status, "3 spans deleted") || m.tree.NextKind() != "" {
		t.Errorf("status %q, next kind %v", m.status, m.tree.NextKind())
	}
}
