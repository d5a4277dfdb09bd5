package dialog

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/outbox"
)

// clipboardLife is how long the OSC 52 sequence stays in the frame: long
// enough for Bubble Tea's renderer (60 frames a second) to write it once,
// whatever else changes meanwhile.
const clipboardLife = 300 * time.Millisecond

// ClipboardDoneMsg takes the sequence out of the frame again.
type ClipboardDoneMsg struct{ id int }

// ClipboardMsg leads the frame with an OSC 52 sequence for clipboardLife
// (y): Bubble Tea v1 has no clipboard command and writing to the terminal
// beside it would tear its frames, so the sequence travels in the frame
// itself, at the start of the first line. It has no width, so the renderer
// (which keeps escape sequences when it cuts lines) draws the same screen,
// and writes the line, sequence included, once it changes.
type ClipboardMsg struct{ Seq string }

// Clipboard is the sequence that leads the frame, and which copy it is.
type Clipboard struct {
	seq string
	id  int
}

// Set puts the sequence in the frame until its time is up.
func (c *Clipboard) Set(msg ClipboardMsg) tea.Cmd {
	c.seq = msg.Seq
	c.id++
	id := c.id
	return tea.Tick(clipboardLife, func(time.Time) tea.Msg { return ClipboardDoneMsg{id} })
}

// Done drops the sequence once its time is up (unless a newer copy
// replaced it).
func (c *Clipboard) Done(msg ClipboardDoneMsg) {
	if msg.id == c.id {
		c.seq = ""
	}
}

// HintWithKeys is a delivery result's hint with the TUI key that acts on it
// (the library's hints name no key and no flag).
func HintWithKeys(r outbox.DeliveryResult) string {
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

// Lead is the sequence that leads the frame now, "" when there is none.
func (c *Clipboard) Lead() string { return c.seq }
