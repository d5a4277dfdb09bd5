package pane

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	tea "github.com/charmbracelet/bubbletea"
)

// newReceivedPane is the Received pane over a session of its own, w×h,
// with the keys.
func newReceivedPane(t *testing.T, w, h int) *Received {
	t.Helper()
	p := NewReceived(componenttest.NewCommon(t, component.Policy{}))
	p.SetSize(w, h)
	p.Focus()
	return p
}

// postTo POSTs a v2 JSON body to the pane's embedded receiver.
func postTo(t *testing.T, p *Received, body string) {
	t.Helper()
	resp, err := http.Post(p.Session.Receiver().URL(), "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST: %s", resp.Status)
	}
}

// arrive POSTs body and lays the pane out again (the stream's wait is not
// run here). It forgets the last layout's cost first: on a loaded machine
// that could pass the slow-layout threshold and defer this layout.
func arrive(t *testing.T, p *Received, body string) {
	t.Helper()
	postTo(t, p, body)
	p.layoutCost = 0
	p.Update(component.ReceivedMsg{})
}

// pressOn sends c each key.
func pressOn(c component.Component, keys ...tea.KeyMsg) {
	for _, k := range keys {
		c.Update(k)
	}
}

func runeKey(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

// envoyLike is, as in Zipkin's envoy.json, a shared SERVER span whose CLIENT
// went to another collector, with an error tag and an annotation; and two
// spans naming each other as parent.
const envoyLike = `[{"traceId":"00000000000000e1","parentId":"0000000000000001","id":"0000000000000002","kind":"SERVER","shared":true,
 "name":"ingress","timestamp":1700000000000000,"duration":3000,
 "localEndpoint":{"serviceName":"front-proxy","ipv4":"172.18.0.6"},"remoteEndpoint":{"ipv4":"172.18.0.1","port":51234},
 "tags":{"error":"upstream reset","http.status_code":"503"},"annotations":[{"timestamp":1700000000001000,"value":"retry"}]},
 {"traceId":"00000000000000e2","parentId":"00000000000000b2","id":"00000000000000b1","name":"loop-a","timestamp":1700000000000000,"duration":10},
 {"traceId":"00000000000000e2","parentId":"00000000000000b1","id":"00000000000000b2","name":"loop-b","timestamp":1700000000000000,"duration":10}]`

// TestReceivedSharedSpanIsARoot: a shared SERVER span without its CLIENT is
// a root with its kind, service and error marker; selected, the pane shows
// its own inspector; spans in a parent cycle are shown too; a duplicate is
// stored once and counted.
func TestReceivedSharedSpanIsARoot(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 120, 30)
	arrive(t, p, envoyLike)
	arrive(t, p, envoyLike[:strings.Index(envoyLike, ",\n {")]+"]") // the shared span again
	if got := p.Stats.Duplicates; got != 1 {
		t.Errorf("duplicates: %d", got)
	}
	lines := p.RowLines(0, len(p.Rows))
	if len(lines) != 5 { // two titles, three spans
		t.Fatalf("rows:\n%s", strings.Join(lines, "\n"))
	}
	var ingress string
	for _, l := range lines {
		if strings.Contains(l, "ingress") {
			ingress = l
		}
	}
	for _, want := range []string{"ingress [SERVER] front-proxy ✗", "3.0ms"} {
		if !strings.Contains(ingress, want) {
			t.Errorf("%q not in the row %q", want, ingress)
		}
	}
	if strings.HasPrefix(strings.TrimLeft(ingress, "▶"), "  ") {
		t.Errorf("the shared span is indented, not a root: %q", ingress)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "loop-a") || !strings.Contains(strings.Join(lines, "\n"), "loop-b") {
		t.Errorf("spans in a parent cycle are not shown:\n%s", strings.Join(lines, "\n"))
	}
	// Newest trace first: the cycle's trace, then the envoy one.
	pressOn(p, runeKey('G'))
	v := p.View()
	if !strings.Contains(v, "── selected") || !strings.Contains(v, "front-proxy 172.18.0.6") {
		t.Errorf("no details of the selected span on screen:\n%s", v)
	}
	detail := componenttest.Flat(strings.Join(p.detail(p.Rows[p.cursor]), "\n"))
	for _, want := range []string{"name ingress", "kind SERVER", "span ID 0000000000000002", "0000000000000001 (not received: shown as a root)",
		"error=upstream reset", "http.status_code=503", "+1.0ms retry", "shared", "remote 172.18.0.1:51234"} {
		if !strings.Contains(detail, want) {
			t.Errorf("%q is not in the details:\n%s", want, detail)
		}
	}
	if title := p.Title(); !strings.Contains(title, "· 1 duplicate") {
		t.Errorf("title: %q", title)
	}
}

// TestReceivedCursorStaysOnItsSpan: an arrival lays the rows out again; the
// cursor stays on the span it was on, though a newer trace came first.
func TestReceivedCursorStaysOnItsSpan(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 120, 30)
	arrive(t, p, envoyLike)
	pressOn(p, runeKey('G'))
	before, _ := p.rowID(p.cursor)
	arrive(t, p, `[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`)
	after, _ := p.rowID(p.cursor)
	if before != after || p.Rows[0].trace != 2 {
		t.Errorf("cursor moved from %+v to %+v", before, after)
	}
}

// TestReceivedSlowLayoutCoalesces: when laying the rows out is slow (a
// receiver holding 100,000 spans), an arrival right after a layout waits
// for one deferred layout instead of taking the loop again.
func TestReceivedSlowLayoutCoalesces(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 120, 30)
	arrive(t, p, envoyLike)
	p.layoutCost, p.laidOut = time.Second, time.Now() // as if it were slow
	postTo(t, p, `[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`)
	_, cmd := p.Update(component.ReceivedMsg{})
	_, again := p.Update(component.ReceivedMsg{})
	if cmd == nil || again == nil || len(p.traces) != 2 || !p.deferred {
		t.Fatalf("an arrival during a slow layout: %d traces laid out, deferred %v", len(p.traces), p.deferred)
	}
	p.Update(ReceivedLayoutMsg{})
	if len(p.traces) != 3 || p.deferred {
		t.Errorf("the deferred layout: %d traces, deferred %v", len(p.traces), p.deferred)
	}
}

// TestReceivedCursorOnTheNewestFollowsArrivals: a cursor on the top row
// (the newest trace) stays on the top row, so a trace that arrives is in
// view and selected, as a presenter watching a room's traces expects.
func TestReceivedCursorOnTheNewestFollowsArrivals(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 56, 20)
	arrive(t, p, envoyLike)
	if p.cursor != 0 {
		t.Fatalf("the cursor starts on row %d", p.cursor)
	}
	arrive(t, p, `[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`)
	got, _ := p.rowID(p.cursor)
	if got.trace.String() != "00000000000000e3" || p.offset != 0 {
		t.Errorf("after an arrival the cursor is on %+v (offset %d), not the newest trace", got, p.offset)
	}
}

// TestShowOnlyStartsAtTheNewest: switching the filter (one attendee's
// traces, then everyone's) shows the newest trace at the top, not the row
// that happened to be selected under the other filter.
func TestShowOnlyStartsAtTheNewest(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 56, 20)
	arrive(t, p, `[{"traceId":"00000000000000a1","id":"00000000000000a1","name":"ann's","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"ann"}}]`)
	arrive(t, p, `[{"traceId":"00000000000000b1","id":"00000000000000b1","name":"bob's","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"bob"}}]`)
	p.ShowOnly("ann")
	pressOn(p, tea.KeyMsg{Type: tea.KeyDown}) // off the top row, which follows arrivals anyway
	p.ShowOnly("")
	got, _ := p.rowID(p.cursor)
	if got.trace.String() != "00000000000000b1" || p.offset != 0 {
		t.Errorf("everyone's traces again: the cursor is on %+v (offset %d), not the newest", got, p.offset)
	}
}

// A span without timestamp (legal in Zipkin; the receiver keeps it absent)
// is drawn at the trace's start: the trace lasts what its timed spans last,
// not two thousand years.
func TestReceivedWaterfallWithUntimedSpan(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 100, 30)
	body := `[{"traceId":"00000000000000aa","id":"0000000000000001","name":"timed","timestamp":1700000000000000,"duration":5000},` +
		`{"traceId":"00000000000000aa","parentId":"0000000000000001","id":"0000000000000002","name":"untimed"}]`
	postTo(t, p, body)
	p.refresh()
	lines := p.RowLines(0, len(p.Rows))
	if !strings.Contains(lines[0], "· 5.0ms") || len(lines) != 3 || !strings.Contains(lines[2], "untimed") {
		t.Errorf("waterfall:\n%s", strings.Join(lines, "\n"))
	}
}

// A received span name with an escape sequence reaches the terminal escaped.
func TestReceivedNamesSanitised(t *testing.T) {
	t.Parallel()
	p := newReceivedPane(t, 100, 30)
	body := `[{"traceId":"00000000000000ab","id":"0000000000000001","name":"x\u001b[2J\u001b]0;t\u0007","timestamp":1700000000000000,"duration":5}]`
	postTo(t, p, body)
	p.refresh()
	out := strings.Join(p.RowLines(0, len(p.Rows)), "\n")
	if strings.ContainsAny(out, "\x07") || strings.Contains(out, "\x1b[2j") || strings.Contains(out, "\x1b]0;") || !strings.Contains(out, `x\x1b[2j`) {
		t.Errorf("%q", out)
	}
}
