package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"zipkin-playground/ui/component"
)

// postSpans POSTs a v2 JSON body to the model's embedded receiver and lays
// the Received pane out again (the stream's wait is not run here). It forgets
// the last layout's cost first: on a loaded machine that could pass the
// slow-layout threshold and defer this layout.
func postSpans(t testing.TB, m *Model, body string) {
	t.Helper()
	resp, err := http.Post(m.common.Session.Receiver().URL(), "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST: %s", resp.Status)
	}
	m.received.LayoutCost = 0
	m.Update(component.ReceivedMsg{})
}

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
	m := newModel(t, 120, 40)
	postSpans(t, m, envoyLike)
	postSpans(t, m, envoyLike[:strings.Index(envoyLike, ",\n {")]+"]") // the shared span again
	if got := m.received.Stats.Duplicates; got != 1 {
		t.Errorf("duplicates: %d", got)
	}
	m, _ = press(t, m, "tab") // tree → received
	if !m.received.Focused() {
		t.Fatal("tab does not focus the Received pane")
	}
	lines := m.received.RowLines(0, len(m.received.Rows))
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
	m, _ = press(t, m, "G")
	v := m.View()
	if !strings.Contains(v, "── selected") || !strings.Contains(v, "front-proxy 172.18.0.6") {
		t.Errorf("no details of the selected span on screen:\n%s", v)
	}
	detail := flat(strings.Join(m.received.Detail(m.received.Rows[m.received.Cursor]), "\n"))
	for _, want := range []string{"name ingress", "kind SERVER", "span ID 0000000000000002", "0000000000000001 (not received: shown as a root)",
		"error=upstream reset", "http.status_code=503", "+1.0ms retry", "shared", "remote 172.18.0.1:51234"} {
		if !strings.Contains(detail, want) {
			t.Errorf("%q is not in the details:\n%s", want, detail)
		}
	}
	if title := m.received.Title(); !strings.Contains(title, "· 1 duplicate") {
		t.Errorf("title: %q", title)
	}
}

// TestReceivedCursorStaysOnItsSpan: an arrival lays the rows out again; the
// cursor stays on the span it was on, though a newer trace came first.
func TestReceivedCursorStaysOnItsSpan(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	postSpans(t, m, envoyLike)
	m, _ = press(t, m, "tab", "G")
	before, _ := m.received.RowID(m.received.Cursor)
	postSpans(t, m, `[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`)
	after, _ := m.received.RowID(m.received.Cursor)
	if before != after || m.received.Rows[0].Trace != 2 {
		t.Errorf("cursor moved from %+v to %+v", before, after)
	}
}

// TestReceivedSlowLayoutCoalesces: when laying the rows out is slow (a
// receiver holding 100,000 spans), an arrival right after a layout waits
// for one deferred layout instead of taking the loop again.
func TestReceivedSlowLayoutCoalesces(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	postSpans(t, m, envoyLike)
	m.received.LayoutCost, m.received.LaidOut = time.Second, time.Now() // as if it were slow
	resp, err := http.Post(m.common.Session.Receiver().URL(), "application/json",
		strings.NewReader(`[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, cmd := m.Update(component.ReceivedMsg{})
	_, again := m.Update(component.ReceivedMsg{})
	if cmd == nil || again == nil || len(m.received.Traces) != 2 || !m.received.Deferred {
		t.Fatalf("an arrival during a slow layout: %d traces laid out, deferred %v", len(m.received.Traces), m.received.Deferred)
	}
	m.Update(component.ReceivedLayoutMsg{})
	if len(m.received.Traces) != 3 || m.received.Deferred {
		t.Errorf("the deferred layout: %d traces, deferred %v", len(m.received.Traces), m.received.Deferred)
	}
}
