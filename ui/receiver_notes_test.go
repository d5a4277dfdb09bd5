package ui

import (
	"net/http"
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

// A span without timestamp (legal in Zipkin; the receiver keeps it absent)
// is drawn at the trace's start: the trace lasts what its timed spans last,
// not two thousand years.
func TestReceivedWaterfallWithUntimedSpan(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	body := `[{"traceId":"00000000000000aa","id":"0000000000000001","name":"timed","timestamp":1700000000000000,"duration":5000},` +
		`{"traceId":"00000000000000aa","parentId":"0000000000000001","id":"0000000000000002","name":"untimed"}]`
	resp, err := http.Post(m.common.Session.Receiver().URL(), "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 202 {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	m.received.Refresh()
	lines := m.received.RowLines(0, len(m.received.Rows))
	if !strings.Contains(lines[0], "· 5.0ms") || len(lines) != 3 || !strings.Contains(lines[2], "untimed") {
		t.Errorf("waterfall:\n%s", strings.Join(lines, "\n"))
	}
}

// A received span name with an escape sequence reaches the terminal escaped.
func TestReceivedNamesSanitised(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	body := `[{"traceId":"00000000000000ab","id":"0000000000000001","name":"x\u001b[2J\u001b]0;t\u0007","timestamp":1700000000000000,"duration":5}]`
	resp, err := http.Post(m.common.Session.Receiver().URL(), "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 202 {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	m.received.Refresh()
	out := strings.Join(m.received.RowLines(0, len(m.received.Rows)), "\n")
	if strings.ContainsAny(out, "\x07") || strings.Contains(out, "\x1b[2j") || strings.Contains(out, "\x1b]0;") || !strings.Contains(out, `x\x1b[2j`) {
		t.Errorf("%q", out)
	}
}
