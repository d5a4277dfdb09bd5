package ui

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/component"
)

// A collector behind an ARMS-like path token that wants a bearer token.
const (
	pathToken   = "adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123"
	bearerToken = "s3cr3t-bearer-value"
)

func secretCollector(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+bearerToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/" + pathToken + "/api/v2/spans"
}

// logText is the delivery log as drawn now.
func logText(m *Model) string { return m.log.View() }

// TestRevealThenHideRemasksTheLog: v, flush, export, v again — what is
// already in the log is masked again, the curl command included.
func TestRevealThenHideRemasksTheLog(t *testing.T) {
	t.Parallel()
	url := secretCollector(t)
	m := newModel(t, 200, 60, func(c *tracing.Config) {
		c.Endpoint = url
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer " + bearerToken}}
	})
	m, _ = press(t, m, "v", "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	m, _ = press(t, m, "x")
	promptOf(m).Input.SetValue(filepath.Join(t.TempDir(), "spans.json"))
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	revealed := logText(m)
	if !strings.Contains(revealed, pathToken) || !strings.Contains(revealed, bearerToken) || !strings.Contains(revealed, "HTTP 202") {
		t.Fatalf("revealed log lacks the flush, the endpoint or the curl header:\n%s", revealed)
	}
	m, _ = press(t, m, "v")
	for _, where := range []string{logText(m), m.View()} {
		if strings.Contains(where, "aokcdqnxyz") || strings.Contains(where, bearerToken) {
			t.Fatalf("a secret stays on screen after v:\n%s", where)
		}
	}
	if !strings.Contains(logText(m), "/****/api/v2/spans") || !strings.Contains(logText(m), "Authorization: ****") {
		t.Errorf("the masked log does not show the masked endpoint and header:\n%s", logText(m))
	}
}

// TestLongErrorWrapsWhole: a 300-character network error is in the log
// whole, wrapped over several lines: on screen at 120×40, and at 80×24 by
// scrolling the focused log.
func TestLongErrorWrapsWhole(t *testing.T) {
	t.Parallel()
	var words []string
	for len(strings.Join(words, " ")) < 300 {
		words = append(words, "lookup", "collector.eu.west."+string(rune('a'+len(words)%26))+".example.internal:", "no", "such", "host")
	}
	msg := strings.Join(words, " ")
	res := outbox.DeliveryResult{Batch: 1, Batches: 1, Spans: 3, At: time.Now(), Err: errors.New(msg),
		Class: outbox.ClassDNS, Hint: "the host name does not resolve: check the spelling"}
	seesAll := func(view string) bool {
		for _, w := range append(words, "check the spelling") {
			if !strings.Contains(view, w) {
				return false
			}
		}
		return true
	}

	m := newModel(t, 120, 40)
	m.Update(component.FlushResultMsg{Result: res})
	if view := m.View(); !seesAll(view) {
		t.Errorf("the error is not whole at 120×40:\n%s", view)
	}
	if n := len(m.log.Lines(-1)); n < 4 {
		t.Errorf("the error takes %d lines: not wrapped", n)
	}

	m = newModel(t, 80, 24)
	m.Update(component.FlushResultMsg{Result: res})
	for !m.log.Focused() {
		m, _ = press(t, m, "tab")
	}
	m, _ = press(t, m, "g")
	seen := m.View()
	for i := 0; i < 10; i++ {
		m, _ = press(t, m, "j")
		seen += m.View()
	}
	if !seesAll(seen) {
		t.Errorf("scrolling the log at 80×24 does not show the whole error:\n%s", seen)
	}
}
