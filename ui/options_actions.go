package ui

import (
	"fmt"
	"strings"
	"time"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
)

// optionActions are O (options), p (payload preview) and y (copy the B3
// headers).
func optionActions(k *KeyMap) []action {
	return []action{
		{&k.Options, nil, (*Model).openOptions},
		{&k.Preview, needSelection, (*Model).openPreview},
		{&k.Copy, needSelection, (*Model).copyHeaders},
	}
}

func needSelection(m *Model) string {
	if m.tree.Selected() == nil {
		return "no span selected: press n to start a trace"
	}
	return ""
}

func (m *Model) openPreview() tea.Cmd {
	d := newPreview(m.common, m.tree.Selected())
	m.openDialog(d, modeDialog)
	m.setStatus("Payload preview: ↑/↓ scroll, esc closes.")
	return nil
}

// clipboardLife is how long the OSC 52 sequence stays in the frame: long
// enough for Bubble Tea's renderer (60 frames a second) to write it once,
// whatever else changes meanwhile.
const clipboardLife = 300 * time.Millisecond

// clipboardDoneMsg takes the sequence out of the frame again.
type clipboardDoneMsg struct{ id int }

// copyHeaders is y: the B3 headers shown, in the pane's format, to the
// clipboard with OSC 52 (it works over SSH: the terminal on the person's
// side does the copy).
//
// Bubble Tea v1 has no clipboard command and writing to the terminal beside
// it would tear its frames, so the sequence travels in the frame itself: it
// leads the first line of View for clipboardLife. It has no width, so the
// renderer (which keeps escape sequences when it cuts lines) draws the same
// screen, and writes the line, sequence included, once it changes.
func (m *Model) copyHeaders() tea.Cmd {
	n := m.tree.Selected()
	format := m.headers.format
	lines, err := b3.B3Headers(n.Context, format)
	if err != nil {
		m.setError(err)
		return nil
	}
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = l.Name + ": " + l.Value
	}
	m.clipboard = osc52.New(strings.Join(text, "\n")).String()
	m.clipboardID++
	// The terminal decides: many honour OSC 52, some ignore it silently, so
	// the status says what was sent, not that the clipboard holds it.
	m.setStatus("Sent the %s B3 headers of %q (%s) to your terminal as OSC 52, a clipboard request; terminals may ignore it: %s",
		format, escapeTitle(n.Name), plural(len(lines), "line"), strings.Join(text, " · "))
	id := m.clipboardID
	return tea.Tick(clipboardLife, func(time.Time) tea.Msg { return clipboardDoneMsg{id} })
}

// clipboardDone drops the sequence once its time is up (unless a newer copy
// replaced it).
func (m *Model) clipboardDone(msg clipboardDoneMsg) {
	if msg.id == m.clipboardID {
		m.clipboard = ""
	}
}

// hintWithKeys is a delivery result's hint with the TUI key that acts on it
// (the library's hints name no key and no flag).
func hintWithKeys(r outbox.DeliveryResult) string {
	where := map[outbox.FailureClass]string{
		outbox.ClassTooLarge:         "lower the batch size in O",
		outbox.ClassTimeout:          "raise the timeout in O",
		outbox.ClassBadRequest:       "change the encoding in O",
		outbox.ClassUnsupportedMedia: "change the encoding in O",
		outbox.ClassAuth:             "fix the endpoint with E, or the headers in O",
		outbox.ClassMalformedURL:     "fix the endpoint with E",
		outbox.ClassNotFound:         "fix the endpoint with E",
		outbox.ClassRedirect:         "fix the endpoint with E",
		outbox.ClassNotCollector:     "fix the endpoint with E",
	}[r.Class]
	if r.Hint == "" || where == "" {
		return r.Hint
	}
	return fmt.Sprintf("%s — %s", r.Hint, where)
}
