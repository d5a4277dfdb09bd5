package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// newCollector is a collector on the v2 path answering status (with msg
// as the body of an error) until told otherwise.
func newCollector(status int, msg string) *testkit.Collector {
	c := &testkit.Collector{Path: secret.V2Path, Message: msg}
	c.SetStatus(status)
	return c
}

// silentListener accepts connections and never answers.
func silentListener(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	return ln.Addr().String()
}

// resettingListener reads the request and resets the connection.
func resettingListener(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			c.Read(buf)
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// runSend runs `send --json` in-process.
func runSend(t *testing.T, args ...string) (int, SendReport, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	code := Main(append([]string{"send", "--json", "--listen", "127.0.0.1:0", "--timeout", "500ms"}, args...), env, nil)
	var rep SendReport
	if code != ExitUsage {
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatalf("send --json output does not parse: %v\n%s", err, stdout.String())
		}
	}
	return code, rep, stderr.String()
}

// TestEveryBadEndpoint: each broken endpoint is classified with its hint,
// `send` exits 1 (2 for a malformed URL), and after the endpoint is fixed a
// retry in the same session delivers every span exactly once.
func TestEveryBadEndpoint(t *testing.T) {
	t.Parallel()
	httpSrv := httptest.NewServer(http.NotFoundHandler())
	defer httpSrv.Close()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake errors are expected
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	httpsToHTTP := "https://" + strings.TrimPrefix(httpSrv.URL, "http://") + secret.V2Path
	httpToHTTPS := "http://" + strings.TrimPrefix(tlsSrv.URL, "https://") + secret.V2Path

	type tc struct {
		name   string
		url    string // "" = the collector's URL + path
		path   string
		status int // the collector's answer
		msg    string
		class  outbox.FailureClass
		hint   string
		exit   int
	}
	cases := []tc{
		{name: "no scheme", url: "collector.example:9411/api/v2/spans", exit: ExitUsage, hint: "http://"},
		{name: "malformed", url: "http://[::1/api/v2/spans", exit: ExitUsage, hint: "http://"},
		{name: "wrong path", path: "/spans", status: 202, class: outbox.ClassNotFound, hint: "path", exit: ExitFailed},
		{name: "v1 path", path: "/api/v1/spans", status: 202, class: outbox.ClassNotFound, hint: "path", exit: ExitFailed},
		{name: "dns", url: "http://no-such-host.invalid/api/v2/spans", class: outbox.ClassDNS, hint: "resolve", exit: ExitFailed},
		{name: "refused", url: "http://" + closedPort(t) + secret.V2Path, class: outbox.ClassRefused, hint: "listens", exit: ExitFailed},
		{name: "https to http", url: httpsToHTTP, class: outbox.ClassTLS, hint: "TLS", exit: ExitFailed},
		{name: "http to https", url: httpToHTTPS, class: outbox.ClassTLS, hint: "TLS", exit: ExitFailed},
		{name: "timeout", url: "http://" + silentListener(t) + secret.V2Path, class: outbox.ClassTimeout, hint: "timeout", exit: ExitFailed},
		{name: "reset", url: "http://" + resettingListener(t) + secret.V2Path, class: outbox.ClassReset, hint: "closed", exit: ExitFailed},
		{name: "400", status: 400, msg: "Expected a JSON_V2 encoded list", class: outbox.ClassBadRequest, hint: "rejected", exit: ExitFailed},
		{name: "401", status: 401, class: outbox.ClassAuth, hint: "auth segment", exit: ExitFailed},
		{name: "403", status: 403, class: outbox.ClassAuth, hint: "auth segment", exit: ExitFailed},
		{name: "404", status: 404, class: outbox.ClassNotFound, hint: "path", exit: ExitFailed},
		{name: "405", status: 405, class: outbox.ClassNotFound, hint: "method", exit: ExitFailed},
		{name: "413", status: 413, class: outbox.ClassTooLarge, hint: "batch", exit: ExitFailed},
		{name: "415", status: 415, class: outbox.ClassUnsupportedMedia, hint: "content type", exit: ExitFailed},
		{name: "429", status: 429, class: outbox.ClassOverloaded, hint: "retry later", exit: ExitFailed},
		{name: "500", status: 500, class: outbox.ClassOverloaded, hint: "retry later", exit: ExitFailed},
		{name: "503", status: 503, class: outbox.ClassOverloaded, hint: "retry later", exit: ExitFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			col := newCollector(c.status, c.msg)
			if c.status == 0 {
				col.SetStatus(202)
			}
			srv := httptest.NewServer(col)
			defer srv.Close()
			url := c.url
			if url == "" {
				path := c.path
				if path == "" {
					path = secret.V2Path
				}
				url = srv.URL + path
			}
			args := []string{"--endpoint", url}
			if c.class == outbox.ClassTimeout {
				// Nothing there ever answers: a shorter timeout is as sure, and
				// the four attempts take 0.4 s, not 2 s.
				args = append(args, "--timeout", "100ms")
			}
			code, rep, stderr := runSend(t, args...)
			if code != c.exit {
				t.Fatalf("exit: want %d, have %d (stderr %q)", c.exit, code, stderr)
			}
			if !strings.Contains(strings.ToLower(stderr), strings.ToLower(c.hint)) {
				t.Errorf("stderr lacks the hint %q: %q", c.hint, stderr)
			}
			if c.path == tracing.V1Path && !strings.HasPrefix(stderr, "note: the path is /api/v1/spans: sending Zipkin v1 JSON\n") {
				t.Errorf("no note on the v1 encoding: %q", stderr)
			}
			if _, after, ok := strings.Cut(stderr, "note: "); ok { // a note is not an error
				_, stderr, _ = strings.Cut(after, "\n")
			}
			if strings.Contains(stderr, "goroutine") || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
				t.Errorf("stderr is not one sentence plus a hint: %q", stderr)
			}
			if c.exit == ExitUsage {
				return
			}
			if len(rep.Batches) == 0 || rep.Batches[0].Class != string(c.class) {
				t.Fatalf("class: want %q, have %+v", c.class, rep.Batches)
			}
			if !strings.Contains(strings.ToLower(rep.Batches[0].Hint), strings.ToLower(c.hint)) {
				t.Errorf("hint %q lacks %q", rep.Batches[0].Hint, c.hint)
			}
			if rep.Failed != rep.Spans || rep.Delivered != 0 {
				t.Errorf("report: %d spans, %d delivered, %d failed", rep.Spans, rep.Delivered, rep.Failed)
			}
			if c.msg != "" && !strings.Contains(rep.Batches[0].Message, c.msg) {
				t.Errorf("server message not reported: %q", rep.Batches[0].Message)
			}
			retryAfterFix(t, url, col, srv.URL+secret.V2Path)
		})
	}
}

// retryAfterFix: a session flushes to the broken endpoint (nothing leaves
// the outbox), the endpoint is fixed, a retry delivers every span once.
func retryAfterFix(t *testing.T, badURL string, col *testkit.Collector, goodURL string) {
	t.Helper()
	cfg := tracing.DefaultConfig()
	cfg.Endpoint, cfg.Listen, cfg.Timeout = badURL, "127.0.0.1:0", 500*time.Millisecond
	s := sessiontest.Open(t, cfg)
	demo, err := loadScenario("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replay(demo); err != nil {
		t.Fatal(err)
	}
	total := s.Outbox().Counts().Queued
	sum := s.Outbox().Flush(context.Background(), nil)
	if sum.Delivered != 0 || s.Outbox().Counts().Failed != total {
		t.Fatalf("broken endpoint: %+v, counts %+v", sum, s.Outbox().Counts())
	}
	col.SetStatus(202)                             // a status case is fixed on the server...
	if err := s.SetEndpoint(goodURL); err != nil { // ...the others by the URL
		t.Fatal(err)
	}
	sum = s.Outbox().Flush(context.Background(), nil)
	if sum.Delivered != total || s.Outbox().Counts().Undelivered() != 0 {
		t.Fatalf("retry: %+v", sum)
	}
	col.OnceEach(t, total)
}
