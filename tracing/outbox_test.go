package tracing_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

func TestOutboxDelivers202(t *testing.T) {
	t.Parallel()
	c := &testkit.Collector{Answer: func(int) int { return 202 }}
	srv := httptest.NewServer(c)
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Batch = 7 })
	sessiontest.Fill(t, s, 5, 10)
	results, sum := sessiontest.FlushAll(s)
	if want, have := 8, len(results); want != have { // 50 spans / 7
		t.Fatalf("batches: want %d, have %d", want, have)
	}
	for i, r := range results {
		if r.Batch != i+1 || !r.OK() || r.Status != 202 || r.Bytes == 0 {
			t.Errorf("result %d out of order or failed: %+v", i, r)
		}
	}
	if sum.Delivered != 50 || sum.Failed != 0 {
		t.Errorf("summary: %+v", sum)
	}
	c.OnceEach(t, 50)
	if counts := s.Outbox().Counts(); counts.Delivered != 50 || counts.Undelivered() != 0 {
		t.Errorf("counts after success: %+v", counts)
	}
	if _, sum := sessiontest.FlushAll(s); sum.Spans != 0 {
		t.Errorf("a second flush resent %d spans", sum.Spans)
	}
	c.OnceEach(t, 50)
}

func TestOutboxKeeps403ThenDeliversOnceOnRetry(t *testing.T) {
	t.Parallel()
	var fail atomic.Bool
	fail.Store(true)
	c := &testkit.Collector{Answer: func(int) int {
		if fail.Load() {
			return 403
		}
		return 202
	}}
	srv := httptest.NewServer(c)
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Batch = 10 })
	sessiontest.Fill(t, s, 3, 10)
	results, sum := sessiontest.FlushAll(s)
	if sum.Failed != 30 || sum.Delivered != 0 {
		t.Fatalf("403 flush summary: %+v", sum)
	}
	if r := results[0]; r.Status != 403 || r.Class != outbox.ClassAuth || !strings.Contains(r.Hint, "auth segment") || r.Message != "answer 403" {
		t.Errorf("403 result: %+v", r)
	}
	if counts := s.Outbox().Counts(); counts.Failed != 30 {
		t.Errorf("after 403 the spans stay, failed: %+v", counts)
	}
	c.OnceEach(t, 0)
	fail.Store(false)
	_, sum = sessiontest.FlushAll(s)
	if sum.Delivered != 30 {
		t.Errorf("retry summary: %+v", sum)
	}
	c.OnceEach(t, 30)
}

func TestOutboxFailuresKeepSpans(t *testing.T) {
	t.Parallel()
	hang := make(chan struct{})
	defer close(hang)
	cases := []struct {
		name    string
		handler http.HandlerFunc
		class   outbox.FailureClass
	}{
		{"500", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "boom", 500) }, outbox.ClassOverloaded},
		{"hang", func(w http.ResponseWriter, r *http.Request) {
			// Reading the body lets net/http notice the client hanging up.
			io.Copy(io.Discard, r.Body)
			select {
			case <-hang:
			case <-r.Context().Done():
			}
		}, outbox.ClassTimeout},
		{"reset", func(w http.ResponseWriter, _ *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}, outbox.ClassReset},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Timeout = 300 * time.Millisecond })
			sessiontest.Fill(t, s, 2, 3)
			results, sum := sessiontest.FlushAll(s)
			if sum.Failed != 6 || len(results) != 1 {
				t.Fatalf("summary %+v", sum)
			}
			if r := results[0]; r.Class != tc.class || r.Hint == "" {
				t.Errorf("class: want %q, have %q (%v, status %d)", tc.class, r.Class, r.Err, r.Status)
			}
			if want, have := 6, len(s.Outbox().PendingSpans()); want != have {
				t.Errorf("pending after failure: want %d, have %d", want, have)
			}
		})
	}
}

func TestOutboxCancelledFlushRequeues(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Batch = 1; c.Timeout = time.Minute })
	sessiontest.Fill(t, s, 10, 1)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	sum := s.Outbox().Flush(ctx, nil)
	if sum.Delivered != 0 {
		t.Errorf("nothing can be delivered: %+v", sum)
	}
	if counts := s.Outbox().Counts(); counts.Queued != 10 || counts.Sending != 0 {
		t.Errorf("a cancelled flush puts every span back in the queue: %+v", counts)
	}
	done := make(chan struct{})
	go func() { _ = s.Outbox().Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hung")
	}
}

// TestOutboxBurstLosesNothing: 20,000 spans in 200 POSTs, every 7th POST
// failing the first time round, far past zipkin-go's reporter backlog of
// 1,000: every span arrives exactly once.
func TestOutboxBurstLosesNothing(t *testing.T) {
	t.Parallel()
	c := &testkit.Collector{Answer: func(n int) int {
		if n%7 == 0 { // every 7th POST fails the first time round
			return 503
		}
		return 202
	}}
	srv := httptest.NewServer(c)
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sessiontest.Fill(t, s, 2000, 10)
	total := 0
	for i := 0; i < 10 && s.Outbox().Counts().Pending() > 0; i++ {
		_, sum := sessiontest.FlushAll(s)
		total += sum.Delivered
	}
	if want, have := 20000, total; want != have {
		t.Errorf("delivered %d of %d", have, want)
	}
	c.OnceEach(t, 20000)
}

// The outbox's POST is byte for byte what zipkin-go's reporter/http sends.
func TestWireMatchesZipkinHTTPReporter(t *testing.T) {
	t.Parallel()
	type capture struct {
		body    []byte
		headers http.Header
	}
	got := make(chan capture, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- capture{b, r.Header.Clone()}
		w.WriteHeader(202)
	}))
	defer srv.Close()
	for _, enc := range []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto} {
		s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Encoding = enc })
		sessiontest.Fill(t, s, 2, 3)
		spans := s.Outbox().PendingSpans()
		sessiontest.FlushAll(s)
		ours := <-got

		rep := zipkinhttp.NewReporter(srv.URL+secret.V2Path, zipkinhttp.Serializer(enc.Serializer()), zipkinhttp.BatchInterval(time.Hour))
		for _, sp := range spans {
			rep.Send(sp)
		}
		_ = rep.Close()
		theirs := <-got
		if !bytes.Equal(ours.body, theirs.body) {
			t.Errorf("%s body differs:\nours   %q\ntheirs %q", enc, ours.body, theirs.body)
		}
		for _, h := range []string{"Content-Type", "B3"} {
			if ours.headers.Get(h) != theirs.headers.Get(h) || ours.headers.Get(h) == "" {
				t.Errorf("%s header %s: ours %q, theirs %q", enc, h, ours.headers.Get(h), theirs.headers.Get(h))
			}
		}
	}
}

func TestOutboxSendsUserHeadersAndMasksErrors(t *testing.T) {
	t.Parallel()
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		w.WriteHeader(202)
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) {
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer tok-123456"}}
	})
	sessiontest.Fill(t, s, 1, 1)
	sessiontest.FlushAll(s)
	if want, have := "Bearer tok-123456", auth.Load(); want != have {
		t.Errorf("Authorization: want %q, have %v", want, have)
	}

	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	s = sessiontest.To(t, "http://"+dead+"/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans")
	sessiontest.Fill(t, s, 1, 1)
	results, _ := sessiontest.FlushAll(s)
	r := results[0]
	if r.Class != outbox.ClassRefused || strings.Contains(r.Err.Error(), "adapt_") || !strings.Contains(r.Err.Error(), secret.MaskText) {
		t.Errorf("refused result must be classified and masked: %q %v", r.Class, r.Err)
	}
}
