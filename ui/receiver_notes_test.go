package ui

import (
	"strings"
	"testing"
)

// Where the embedded receiver moved to, or that it is reachable beyond
// loopback, is said in the status line.
func TestStatusShowsReceiverNotes(t *testing.T) {
	t.Parallel()
	s := newSession(t)
	if s.Receiver() == nil {
		t.Fatal("no embedded receiver")
	}
	if m := New(s); strings.Contains(m.status, "Note:") {
		t.Errorf("a note with nothing to say: %q", m.status)
	}
	s.Receiver().Moved = "127.0.0.1:9411 is taken: the embedded receiver listens on 127.0.0.1:40000 instead"
	s.Receiver().Warning = "no authentication"
	m := New(s)
	if !strings.Contains(m.status, "Note: 127.0.0.1:9411 is taken") || !strings.Contains(m.status, "no authentication") {
		t.Errorf("status %q", m.status)
	}
}
