package ui

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/verify"
	"zipkin-playground/ui/component"
)

// flat collapses runs of white space, so that wrapped text reads as one line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// oneSpan starts and finishes one span named name, selected.
func oneSpan(t *testing.T, m *Model, name string) *tracing.Node {
	t.Helper()
	n, err := m.common.Session.NewTrace(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.common.Session.Finish(n); err != nil {
		t.Fatal(err)
	}
	m.tree.Select(n)
	return n
}

// TestFlushToReceiverVerifies: a flush to the embedded receiver reads the
// spans back by itself; the tree row and the inspector say verified.
func TestFlushToReceiverVerifies(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	n := oneSpan(t, m, "checkout")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	ch := m.common.Verify.Check(n.Key)
	if ch == nil || ch.State != verify.StateVerified {
		t.Fatalf("check after a flush to the receiver: %+v (status %q)", ch, m.status)
	}
	if row := m.tree.Row(n, m.common.Session.Outbox(), m.common.Now(), true); !strings.Contains(row, "verified") {
		t.Errorf("tree row: %q", row)
	}
	v := flat(m.View() + strings.Join(m.inspector.Lines(), "\n"))
	for _, want := range []string{"verified: read back from the query API exactly as sent", "verified 1/1 spans in", "Verified: 1 span read back exactly as sent"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen:\n%s", want, m.View())
		}
	}
	if !strings.Contains(m.status, "Delivered 1 span") {
		t.Errorf("the flush's summary is gone from the status: %q", m.status)
	}
}

// TestVerifyDisabledBeforeDelivery: V before anything was delivered says
// why, and its binding is off.
func TestVerifyDisabledBeforeDelivery(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	oneSpan(t, m, "checkout")
	m.Update(nil)
	if m.common.Keys.Verify.Enabled() {
		t.Error("V is enabled with nothing delivered")
	}
	m, cmd := press(t, m, "V")
	if cmd != nil || !m.statusBad || !strings.Contains(m.status, "nothing delivered yet: flush (F) first") {
		t.Errorf("V before delivery: status %q (bad %v), cmd %v", m.status, m.statusBad, cmd != nil)
	}
}

// blackHole is a collector that accepts everything and stores nothing, with a
// Zipkin query API that never finds a trace.
func blackHole(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v2/spans", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusAccepted)
	})
	mux.HandleFunc("GET /api/v2/services", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "[]")
	})
	mux.HandleFunc("GET /api/v2/trace/{id}", http.NotFound)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestVerifyMissing: a collector that answers 202 and stores nothing — V
// marks the span missing after the verify timeout, and says so.
func TestVerifyMissing(t *testing.T) {
	t.Parallel()
	srv := blackHole(t)
	m := newModel(t, 120, 40, func(c *tracing.Config) {
		c.Endpoint = srv.URL + "/api/v2/spans"
		c.VerifyTimeout = 300 * time.Millisecond
	})
	n := oneSpan(t, m, "checkout")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if m.common.Verify.Check(n.Key) != nil || m.common.Verify.Running() {
		t.Fatal("verification ran by itself against a remote endpoint with no query URL")
	}
	if !m.common.Keys.Verify.Enabled() {
		t.Fatalf("V is disabled after a delivery: %q", m.reasons[&m.common.Keys.Verify])
	}
	m, cmd = press(t, m, "V")
	if !m.common.Verify.Running() || !strings.Contains(m.status, "Verifying 1 trace") {
		t.Fatalf("V: running %v, status %q", m.common.Verify.Running(), m.status)
	}
	m = settle(t, m, cmd)
	ch := m.common.Verify.Check(n.Key)
	if ch == nil || ch.State != verify.StateMissing {
		t.Fatalf("check: %+v", ch)
	}
	if row := m.tree.Row(n, m.common.Session.Outbox(), m.common.Now(), true); !strings.Contains(row, "missing") {
		t.Errorf("tree row: %q", row)
	}
	v := flat(m.View() + strings.Join(m.inspector.Lines(), "\n"))
	for _, want := range []string{"missing after 300ms", "accepted (2xx) but the query API does not have it", "1 span of 1 missing"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen:\n%s", want, m.View())
		}
	}
	if !m.statusBad {
		t.Error("a missing span is not a bad status")
	}
}

// rewriter is a collector with a Zipkin query API that stores what it gets
// and serves it back with the error tag turned into "true".
func rewriter(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	byTrace := map[string][]map[string]any{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v2/spans", func(w http.ResponseWriter, r *http.Request) {
		var spans []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&spans); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		for _, s := range spans {
			if tags, ok := s["tags"].(map[string]any); ok && tags["error"] != nil {
				tags["error"] = "true"
			}
			id := s["traceId"].(string)
			byTrace[id] = append(byTrace[id], s)
		}
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	})
	mux.HandleFunc("GET /api/v2/services", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `["playground"]`)
	})
	mux.HandleFunc("GET /api/v2/trace/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		spans, ok := byTrace[r.PathValue("id")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(spans)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestVerifyChangedShowsStoredAs: with a query URL set, a flush is read back
// by itself; a span stored otherwise is changed, and the inspector shows
// each field as stored with the reason; the learner's explanation of a
// known rewrite comes once in the status and stays reachable for i.
func TestVerifyChangedShowsStoredAs(t *testing.T) {
	t.Parallel()
	srv := rewriter(t)
	m := newModel(t, 160, 50, func(c *tracing.Config) {
		c.Endpoint = srv.URL + "/api/v2/spans"
		c.Query = srv.URL
		c.VerifyTimeout = 2 * time.Second
	})
	n, err := m.common.Session.NewTrace("Checkout")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.common.Session.Error(n, "card declined"); err != nil {
		t.Fatal(err)
	}
	if err := m.common.Session.Finish(n); err != nil {
		t.Fatal(err)
	}
	m.tree.Select(n)
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	ch := m.common.Verify.Check(n.Key)
	if ch == nil || ch.State != verify.StateChanged {
		t.Fatalf("check: %+v (status %q)", ch, m.status)
	}
	lower, _ := verify.RewriteNamed("json-lowercase")
	insp := flat(strings.Join(m.inspector.Lines(), "\n"))
	for _, want := range []string{"changed: read back, but stored otherwise (2 differences, below)",
		`stored as name "checkout" (sent "Checkout")`, "↳ " + lower.Why,
		`tags.error "true" (sent "card declined")`, "↳ not a known rewrite"} {
		if !strings.Contains(insp, want) {
			t.Errorf("%q is not in the inspector:\n%s", want, insp)
		}
	}
	if row := m.tree.Row(n, m.common.Session.Outbox(), m.common.Now(), true); !strings.Contains(row, "changed") {
		t.Errorf("tree row: %q", row)
	}
	if !strings.Contains(m.status, "New: "+lower.Explain) || !strings.Contains(m.status, "1 of 1 span changed. New: ") {
		t.Errorf("status: %q", m.status)
	}
	// i on the span explains the rewrite again, with the stored value.
	m, _ = press(t, m, "i")
	d, ok := m.dialog.(*component.ExplainDialog)
	if !ok {
		t.Fatalf("i opens no explanation: %T", m.dialog)
	}
	said := flat(strings.Join(d.Lines(), "\n"))
	for _, want := range []string{"verified changed", `stored as name "checkout" (sent "Checkout")`, flat(lower.Explain)} {
		if !strings.Contains(said, want) {
			t.Errorf("%q is not in i's explanation:\n%s", want, said)
		}
	}
	m, _ = press(t, m, "esc")
	if !strings.Contains(flat(m.View()), "changed: 1/1 spans stored, 2 differences") {
		t.Errorf("the delivery log has no line for the trace:\n%s", m.View())
	}
	// Seen once: a second verification does not explain it again.
	m, cmd = press(t, m, "V")
	m = settle(t, m, cmd)
	if strings.Contains(m.status, "New: ") {
		t.Errorf("the explanation came twice: %q", m.status)
	}
}
