package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// noWait is a RetrySleep that returns at once: tests assert on the waits
// the report records, never on the clock.
func noWait(context.Context, time.Duration) error { return nil }

// runText runs a command without --json and returns its exit, stdout and
// stderr.
func runText(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	code := Main(append(args[:1:1], append([]string{"--listen", "127.0.0.1:0", "--timeout", "500ms"}, args[1:]...)...), env, nil)
	return code, stdout.String(), stderr.String()
}

// answers is a server that gives the n-th POST answer(n) and counts POSTs.
func answers(t *testing.T, answer func(n int, w http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		answer(int(n.Add(1)), w)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestSendRetriesTransientFailures(t *testing.T) {
	t.Parallel()
	srv, posts := answers(t, func(n int, w http.ResponseWriter) {
		if n <= 2 {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(202)
	})
	code, rep, stderr := runSend(t, "--endpoint", srv.URL+secret.V2Path)
	if code != ExitOK || rep.Delivered != rep.Spans {
		t.Fatalf("exit %d, %d of %d delivered: %s", code, rep.Delivered, rep.Spans, stderr)
	}
	if posts.Load() != 3 || len(rep.Batches) != 1 || rep.Batches[0].Attempts != 3 || rep.Batches[0].WaitedMs <= 0 {
		t.Errorf("%d POSTs, batches %+v", posts.Load(), rep.Batches)
	}
}

func TestSendHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	srv, posts := answers(t, func(n int, w http.ResponseWriter) {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	code, rep, _ := runSend(t, "--endpoint", srv.URL+secret.V2Path)
	if code != ExitFailed || rep.Failed != rep.Spans || rep.Delivered != 0 {
		t.Fatalf("exit %d, report %+v", code, rep)
	}
	b := rep.Batches[0]
	if posts.Load() != 4 || b.Attempts != 4 || b.RetryAfter != 1 || b.WaitedMs < 3000 {
		t.Errorf("%d POSTs, batch %+v: want 4 attempts, retryAfter 1, at least 3×1s waited", posts.Load(), b)
	}
	_, out, _ := runText(t, "send", "--endpoint", srv.URL+secret.V2Path)
	if !strings.Contains(out, "Retry-After 1s") || !strings.Contains(out, "attempt 4") {
		t.Errorf("text report lacks the wait: %s", out)
	}
}

func TestSendAndCheckRefuseRedirectsAndWebPages(t *testing.T) {
	t.Parallel()
	var targetHits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { targetHits.Add(1) }))
	defer target.Close()
	redirect, _ := answers(t, func(_ int, w http.ResponseWriter) {
		w.Header().Set("Location", target.URL+"/t0k3n/api/v2/spans")
		w.WriteHeader(http.StatusFound)
	})
	page, _ := answers(t, func(_ int, w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, "<!doctype html><html><title>Jaeger UI</title></html>")
	})
	for _, c := range []struct {
		url   string
		class outbox.FailureClass
		hint  string
	}{
		{redirect.URL + secret.V2Path, outbox.ClassRedirect, "redirects to " + target.URL + "/****/api/v2/spans"},
		{page.URL + secret.V2Path, outbox.ClassNotCollector, "web page, not a Zipkin collector"},
	} {
		code, rep, stderr := runSend(t, "--endpoint", c.url)
		if code != ExitFailed || rep.Delivered != 0 || rep.Batches[0].Class != string(c.class) || rep.Batches[0].Attempts != 1 {
			t.Errorf("send %s: exit %d, %+v", c.class, code, rep.Batches)
		}
		if !strings.Contains(stderr, c.hint) {
			t.Errorf("send %s: stderr lacks %q: %s", c.class, c.hint, stderr)
		}
		code, out, _ := runText(t, "check", "--endpoint", c.url)
		if code != ExitFailed || !strings.Contains(out, "NOT healthy") {
			t.Errorf("check %s: exit %d\n%s", c.class, code, out)
		}
	}
	if targetHits.Load() != 0 {
		t.Errorf("the redirect target got %d requests", targetHits.Load())
	}
}
