package ui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/outbox"
)

// optionActions are O (options), p (payload preview) and y (copy the B3
// headers).
func optionActions(k *KeyMap) []action {
	return []action{
		{&k.Options, nil, opens(newOptions)},
		{&k.Preview, needSelection, with(treeOf, (*treePane).preview)},
		{&k.Copy, needSelection, with(headersOf, (*headersPane).copy)},
	}
}

func needSelection(m *Model) string {
	if m.tree.Selected() == nil {
		return "no span selected: press {NewTrace} to start a trace"
	}
	return ""
}

// clipboardLife is how long the OSC 52 sequence stays in the frame: long
// enough for Bubble Tea's renderer (60 frames a second) to write it once,
// whatever else changes meanwhile.
const clipboardLife = 300 * time.Millisecond

// clipboardDoneMsg takes the sequence out of the frame again.
type clipboardDoneMsg struct{ id int }

// clipboardMsg leads the frame with an OSC 52 sequence for clipboardLife
// (y): Bubble Tea v1 has no clipboard command and writing to the terminal
// beside it would tear its frames, so the sequence travels in the frame
// itself, at the start of the first line. It has no width, so the renderer
// (which keeps escape sequences when it cuts lines) draws the same screen,
// and writes the line, sequence included, once it changes.
type clipboardMsg struct{ seq string }

// clipboard is the sequence that leads the frame, and which copy it is.
type clipboard struct {
	seq string
	id  int
}

// set puts the sequence in the frame until its time is up.
func (c *clipboard) set(msg clipboardMsg) tea.Cmd {
	c.seq = msg.seq
	c.id++
	id := c.id
	return tea.Tick(clipboardLife, func(time.Time) tea.Msg { return clipboardDoneMsg{id} })
}

// done drops the sequence once its time is up (unless a newer copy
// replaced it).
func (c *clipboard) done(msg clipboardDoneMsg) {
	if msg.id == c.id {
		c.seq = ""
	}
}

// hintWithKeys is a delivery result's hint with the TUI key that acts on it
// (the library's hints name no key and no flag).
func hintWithKeys(r outbox.DeliveryResult) string {
	where := map[outbox.FailureClass]string{
		outbox.ClassTooLarge:         "lower the batch size in {Options}",
		outbox.ClassTimeout:          "raise the timeout in {Options}",
		outbox.ClassBadRequest:       "change the encoding in {Options}",
		outbox.ClassUnsupportedMedia: "change the encoding in {Options}",
		outbox.ClassAuth:             "fix the endpoint with {Endpoint}, or the headers in {Options}",
		outbox.ClassMalformedURL:     "fix the endpoint with {Endpoint}",
		outbox.ClassNotFound:         "fix the endpoint with {Endpoint}",
		outbox.ClassRedirect:         "fix the endpoint with {Endpoint}",
		outbox.ClassNotCollector:     "fix the endpoint with {Endpoint}",
	}[r.Class]
	if r.Hint == "" || where == "" {
		return r.Hint
	}
	return fmt.Sprintf("%s — %s", r.Hint, where)
}
