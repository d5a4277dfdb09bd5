package ui

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// remoteBackend is another embedded receiver, used as a remote Zipkin: its
// collector and query API on a free port.
func remoteBackend(t *testing.T) *receiver.Receiver {
	t.Helper()
	r, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// storeSpan POSTs one v2 JSON span to a backend.
func storeSpan(t *testing.T, url, span string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader("["+span+"]"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST: %s", resp.Status)
	}
}

// receivedText is the Received pane's title and every row, as drawn.
func paneText(m *Model) string {
	v := m.received
	return v.Title() + "\n" + strings.Join(v.RowLines(0, len(v.Rows)), "\n")
}

// TestReceivedSwitchesToBackend: the endpoint moved from the embedded
// receiver to another backend with a query URL; after a flush and its
// read-back, s switches the Received pane to what the backend stored (its
// waterfall, another service's span included once V reads it again), and
// back to the receiver.
func TestReceivedSwitchesToBackend(t *testing.T) {
	t.Parallel()
	backend := remoteBackend(t)
	m := newModel(t, 120, 40)
	if err := m.common.Session.SetEndpoint(backend.URL()); err != nil {
		t.Fatal(err)
	}
	if err := m.common.Session.Reconfigure(func(c *tracing.Config) {
		c.Query = "http://" + backend.Addr()
		c.VerifyTimeout = 2 * time.Second
	}); err != nil {
		t.Fatal(err)
	}
	m.Update(nil)
	if m.common.Keys.Source.Enabled() {
		t.Error("s is enabled before anything was read back")
	}
	n := oneSpan(t, m, "checkout")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if ch := m.common.Verify.Check(n.Key); ch == nil || ch.State != verify.StateVerified {
		t.Fatalf("read-back after the flush: %+v (status %q)", ch, m.status)
	}
	if got := paneText(m); !strings.HasPrefix(got, "Received") || strings.Contains(got, "checkout") {
		t.Fatalf("before s, the pane shows the embedded receiver (which got nothing):\n%s", got)
	}
	if hint := strings.Join(strings.Fields(m.received.View()), " "); !strings.Contains(hint, "s shows what that backend stored") {
		t.Errorf("the empty receiver's pane does not point at the backend: %q", hint)
	}
	if !m.common.Keys.Source.Enabled() {
		t.Fatalf("s is disabled with a backend read back: %q", m.reasons[&m.common.Keys.Source])
	}

	m, _ = press(t, m, "s")
	if !m.received.Focused() {
		t.Error("s does not bring the Received pane into view")
	}
	got := paneText(m)
	for _, want := range []string{"Stored in the Zipkin backend", "1 span in 1 trace", "trace " + n.Key.TraceID.String(), "checkout", "█"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q is not in the pane:\n%s", want, got)
		}
	}
	if !strings.Contains(m.View(), "checkout") {
		t.Errorf("the backend's span is not on screen:\n%s", m.View())
	}

	// Another service adds a span to the trace in the backend: V reads the
	// trace again and the pane draws the backend's copy, both services.
	storeSpan(t, backend.URL(), fmt.Sprintf(`{"traceId":%q,"parentId":%q,"id":"00000000000000c1","kind":"SERVER","name":"charge",
		"timestamp":%d,"duration":1000,"localEndpoint":{"serviceName":"payments"}}`,
		n.Key.TraceID.String(), n.Reported.ID.String(), n.Reported.Timestamp.UnixMicro()))
	m, cmd = press(t, m, "V")
	m = settle(t, m, cmd)
	got = paneText(m)
	for _, want := range []string{"2 spans in 1 trace", "checkout", "charge", "[SERVER]", "payments"} {
		if !strings.Contains(got, want) {
			t.Errorf("after V, %q is not in the pane:\n%s", want, got)
		}
	}

	m, _ = press(t, m, "s")
	if got := paneText(m); !strings.HasPrefix(got, "Received") || strings.Contains(got, "charge") {
		t.Errorf("s again does not go back to the embedded receiver:\n%s", got)
	}
}

// TestReceivedBackendOnly: with no embedded receiver (a remote endpoint
// from the start) the pane appears once a read-back brings traces, shows
// the backend's, and s says why there is nothing to switch to.
func TestReceivedBackendOnly(t *testing.T) {
	t.Parallel()
	backend := remoteBackend(t)
	m := newModel(t, 80, 24, func(c *tracing.Config) {
		c.Endpoint = backend.URL()
		c.Query = "http://" + backend.Addr()
		c.VerifyTimeout = 2 * time.Second
	})
	if m.common.Session.Receiver() != nil {
		t.Fatal("a remote endpoint started the embedded receiver")
	}
	if m.received.Available() {
		t.Fatal("the Received pane is there with nothing to show")
	}
	oneSpan(t, m, "checkout")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	m, _ = press(t, m, "tab")
	if !m.received.Focused() {
		t.Fatalf("tab does not reach the Received pane after a read-back:\n%s", m.View())
	}
	view := m.View()
	for _, want := range []string{"Stored in Zipkin", "checkout", "read back"} {
		if !strings.Contains(view, want) {
			t.Errorf("%q is not on screen:\n%s", want, view)
		}
	}
	m, _ = press(t, m, "s")
	if !m.statusBad || !strings.Contains(m.status, "embedded receiver does not run") {
		t.Errorf("s without a receiver: status %q", m.status)
	}
}
