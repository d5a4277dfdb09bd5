package ui

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
)

// TestFlowTourTeatest drives the real program through the first three
// lessons and the last two: each lesson's panel says it is done only after
// its keys, and the tour ends on what the embedded receiver stored.
func TestFlowTourTeatest(t *testing.T) {
	t.Parallel()
	tm := teatest.NewTestModel(t, New(newSession(t)), teatest.WithInitialTermSize(120, 40))
	send := func(keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
	}
	waitFor := func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
			teatest.WithDuration(5*time.Second))
	}
	send("L")
	waitFor("○ waiting ·")
	send("n")
	tm.Type("GET /checkout")
	send("enter")
	waitFor("◆ marks your root")
	send("]", "c", "enter")
	waitFor("is that same ID")
	send("]", "f")
	waitFor("waits in the outbox for F")
	send("]", "]", "]", "]", "]", "]", "up", "f", "F") // to lesson 9; finish the root too
	waitFor("202 is Zipkin's")
	send("]", "V")
	waitFor("Each delivered span's row now says") // the read-back came back: lesson 10 passed
	send("]")
	waitFor("5/11 done")
	send("tab")
	waitFor("get /checkout") // the receiver's pane: the name as stored
	send("L", "q", "y")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if want, have := []bool{true, true, true, false, false, false, false, false, true, true, false}, fm.lesson.Tour.Passed; !equalBools(want, have) {
		t.Errorf("lessons done: want %v, have %v", want, have)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
