package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"zipkin-playground/tracing"
)

// The redirect hint says where to go: masked only where the target carries
// a secret, and whole once v reveals secrets (hidden again by v).
func TestRedirectHintShowsItsTarget(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/tok3n-42/api/v2/spans", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	m := newModel(t, 160, 40, func(c *tracing.Config) { c.Endpoint = srv.URL + "/api/v2/spans"; c.Retries = 0 })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	masked := "redirects to " + srv.URL + "/****/api/v2/spans: use that URL"
	if view := m.View(); !strings.Contains(view, masked) {
		t.Fatalf("want %q on screen:\n%s", masked, view)
	}
	m, _ = press(t, m, "v")
	if view := m.View(); !strings.Contains(view, srv.URL+"/tok3n-42/api/v2/spans") {
		t.Errorf("v must reveal the redirect's target:\n%s", view)
	}
	m, _ = press(t, m, "v")
	if view := m.View(); strings.Contains(view, "tok3n") || !strings.Contains(view, masked) {
		t.Errorf("v again must mask it again:\n%s", view)
	}
}

// Each failed attempt shows in the log as it happens, with the wait and
// where the batch stands: "waiting 1.00s (Retry-After), attempt 2 of 4".
func TestRetryAfterShowsInTheLog(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if posts.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	m := newModel(t, 160, 40, func(c *tracing.Config) { c.Endpoint = srv.URL + "/api/v2/spans"; c.Retries = 3 })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	log := strings.Join(m.log.Lines(-1), "\n")
	for _, want := range []string{"HTTP 503", "waiting 1.00s (Retry-After), attempt 2 of 4", "HTTP 202"} {
		if !strings.Contains(log, want) {
			t.Errorf("%q is not in the log:\n%s", want, log)
		}
	}
	if strings.Index(log, "HTTP 503") > strings.Index(log, "HTTP 202") {
		t.Errorf("the failed attempt comes before the delivery:\n%s", log)
	}
}

// One rule for every prompt: enter on nothing takes the placeholder shown,
// and the prompt says so.
func TestEnterTakesThePlaceholder(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "e")
	if p := promptOf(m); p == nil || !strings.Contains(p.View(), "enter alone takes card declined") {
		t.Fatalf("the error prompt must say what enter takes: %v", m.dialog)
	}
	m, _ = press(t, m, "enter", "t", "enter", "a", "enter", "R", "enter")
	n := m.tree.Selected()
	if want, have := "card declined", n.Tags["error"]; want != have {
		t.Errorf("error tag: want %q, have %q", want, have)
	}
	if want, have := "GET", n.Tags["http.method"]; want != have {
		t.Errorf("tag: want %q, have %q", want, have)
	}
	if n.RemoteEndpoint == nil || n.RemoteEndpoint.ServiceName != "payments" {
		t.Errorf("remote endpoint: %+v", n.RemoteEndpoint)
	}
	if want, have := 2, len(n.Annotations); want != have { // the error's and "cache miss"
		t.Errorf("annotations: want %d, have %d", want, have)
	}
}

// A multi-line paste without bracketed paste arrives as lines and enters:
// each enter after an X-B3-… line starts the next line, the enter on the
// empty line after them continues the trace, and no line runs as commands.
// The continued span is not drawn as a root (◆): its parent is remote.
func TestPasteLinesWithoutBracketedPaste(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "P")
	for _, line := range []string{"X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7", "X-B3-SpanId: e457b5a2e4d86bd1", "X-B3-Sampled: 1"} {
		m = typeText(t, m, line)
		m, _ = press(t, m, "enter")
		if promptOf(m) == nil {
			t.Fatalf("enter after %q closed the prompt", line)
		}
	}
	m, _ = press(t, m, "enter")
	if m.dialog != nil || m.common.Session.Tree().Len() != 1 {
		t.Fatalf("the paste must continue one trace: dialog %v, %d spans, status %q", m.dialog, m.common.Session.Tree().Len(), m.status)
	}
	n := m.tree.Selected()
	if want, have := "80f198ee56343ba864fe8b2a57d3eff7", n.Context.TraceID.String(); want != have {
		t.Errorf("trace ID: want %s, have %s", want, have)
	}
	row := m.tree.Row(n, m.common.Session.Outbox(), m.common.Now(), true)
	if strings.Contains(row, "◆") || !strings.Contains(row, "↳") {
		t.Errorf("a span with a remote parent is not a root: %q", row)
	}
}

// y says what it did: an OSC 52 request sent to the terminal, which may
// ignore it; it does not claim the clipboard holds the headers.
func TestCopySaysWhatItDid(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "y")
	if !strings.Contains(m.status, "OSC 52") || !strings.Contains(m.status, "may ignore it") || strings.Contains(m.status, "to the clipboard") {
		t.Errorf("status: %q", m.status)
	}
}

// ? lists the tour's own keys, and does not speak of dimming, which does not
// show without colour.
func TestHelpListsLessonKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "?")
	view := m.helpView.Title() + "\n" + m.helpView.Content() // all of it, scrolled or not
	for _, want := range []string{"next lesson", "previous lesson", "in the tour"} {
		if !strings.Contains(view, want) {
			t.Errorf("%q is not in the help:\n%s", want, view)
		}
	}
	if strings.Contains(view, "dimmed") {
		t.Errorf("the help speaks of dimming:\n%s", view)
	}
}

// A web page answering the POST is one line and its hint in the log, not
// its HTML.
func TestWebPageAnswerIsOneLine(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html><html><head><title>Jaeger UI</title></head><body>" + strings.Repeat("x", 300) + "</body></html>"))
	}))
	defer srv.Close()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = srv.URL + "/api/v2/spans"; c.Retries = 0 })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	last := m.log.Entries[len(m.log.Entries)-1]
	lines := strings.Split(m.log.Render(last), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "a web page") || !strings.Contains(lines[1], "not a Zipkin collector") {
		t.Errorf("want one line and the hint, have %q", lines)
	}
	if log := strings.Join(m.log.Lines(-1), "\n"); strings.Contains(log, "<html") {
		t.Errorf("the page's HTML is in the log:\n%s", log)
	}
}

// Opening a scenario the sampler will not send says so.
func TestOpenScenarioUnderNeverSaysSo(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerNever} })
	m, cmd := press(t, m, "o", "enter")
	m = settle(t, m, cmd)
	if m.common.Session.Tree().Len() == 0 {
		t.Fatalf("nothing opened: %q", m.status)
	}
	if !strings.Contains(m.status, "keeps none of them: they will not be sent") {
		t.Errorf("status: %q", m.status)
	}
}

// From proto to a /api/v1/spans endpoint takes two settings: E says which
// to change first.
func TestV1EndpointFromProtoExplainsTheTwoSteps(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = "http://127.0.0.1:9/api/v2/spans"; c.Encoding = "proto" })
	m, _ = press(t, m, "E", "ctrl+u")
	m = typeText(t, m, "http://127.0.0.1:9/api/v1/spans")
	m, _ = press(t, m, "enter")
	p := promptOf(m)
	if p == nil || !strings.Contains(p.Err, "two steps: esc, O and set the encoding to v1 first, then E this URL again") {
		t.Fatalf("the refusal must say the two steps: %+v", p)
	}
}
