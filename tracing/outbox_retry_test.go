package tracing_test

import (
	"context"
	"fmt"
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

// A span the serializer refuses (a scenario's durationMs ≈ 1.8e12 puts its
// start before 1970) used to fail its whole batch on every flush.
func TestOutboxIsolatesPoisonSpan(t *testing.T) {
	t.Parallel()
	c := &testkit.Collector{Answer: func(int) int { return 202 }}
	srv := httptest.NewServer(c)
	defer srv.Close()
	for _, enc := range []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto} {
		t.Run(string(enc), func(t *testing.T) {
			s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Encoding = enc })
			if enc != outbox.EncodingJSON { // the counter reads JSON: only check the outbox
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(202) }))
				defer srv.Close()
				if err := s.SetEndpoint(srv.URL + secret.V2Path); err != nil {
					t.Fatal(err)
				}
			}
			sessiontest.Fill(t, s, 33, 3) // 99 good spans
			long := time.Duration(1.8e12 * float64(time.Millisecond))
			bad, err := s.Start(nil, tracing.SpanOptions{Name: "charge", Start: time.Now().Add(-long)})
			if err != nil {
				t.Fatal(err)
			}
			_ = s.FinishWithDuration(bad, long)

			results, sum := sessiontest.FlushAll(s)
			if sum.Delivered != 99 || sum.Failed != 1 {
				t.Fatalf("want 99 delivered and 1 failed, have %+v", sum)
			}
			var rejected []outbox.DeliveryResult
			for _, r := range results {
				if r.Class == outbox.ClassInvalidSpan {
					rejected = append(rejected, r)
				}
			}
			if len(rejected) != 1 || rejected[0].Spans != 1 || rejected[0].Keys[0] != bad.Key {
				t.Fatalf("want one invalid-span result for %v, have %+v", bad.Key, rejected)
			}
			want := `span "charge": duration 1.8e+12 ms is out of range`
			if msg := rejected[0].Err.Error(); !strings.Contains(msg, want) {
				t.Errorf("reason: want %q in %q", want, msg)
			}
			if st := s.Outbox().State(bad.Key); st != outbox.Failed {
				t.Errorf("the bad span stays in the outbox as failed, is %v", st)
			}
			// It never blocks later flushes either.
			sessiontest.Fill(t, s, 1, 1)
			if _, sum := sessiontest.FlushAll(s); sum.Delivered != 1 || sum.Failed != 1 {
				t.Errorf("second flush: %+v", sum)
			}
		})
	}
	c.OnceEach(t, 100)
}

// waits is an injected RetryPolicy.Sleep: it records and returns at once.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return nil
}

func flushRetrying(s *tracing.Session, p outbox.RetryPolicy) ([]outbox.DeliveryResult, outbox.FlushSummary) {
	var results []outbox.DeliveryResult
	sum := s.Outbox().FlushRetrying(context.Background(), p, func(r outbox.DeliveryResult) { results = append(results, r) })
	return results, sum
}

func TestFlushRetryingTransientThenDelivered(t *testing.T) {
	t.Parallel()
	c := &testkit.Collector{Answer: func(n int) int {
		if n <= 2 {
			return 503
		}
		return 202
	}}
	srv := httptest.NewServer(c)
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sessiontest.Fill(t, s, 2, 2)
	w := &waits{}
	results, sum := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Base: 100 * time.Millisecond, Sleep: w.sleep, Jitter: testkit.NoJitter})
	if sum.Delivered != 4 || len(results) != 1 {
		t.Fatalf("summary %+v, %d results", sum, len(results))
	}
	r := results[0]
	if want, have := 3, c.Count(); want != have {
		t.Errorf("POSTs: want %d, have %d", want, have)
	}
	if r.Attempts != 3 || r.Status != 202 || !r.OK() {
		t.Errorf("result: %+v", r)
	}
	if want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}; fmt.Sprint(w.d) != fmt.Sprint(want) {
		t.Errorf("backoff: want %v, have %v", want, w.d)
	}
	if r.Waited != 300*time.Millisecond {
		t.Errorf("waited: %v", r.Waited)
	}
	c.OnceEach(t, 4)
}

func TestFlushRetryingHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	date := time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)
	for _, c := range []struct {
		name, header string
		atLeast      time.Duration
	}{
		{"seconds", "1", time.Second},
		{"http date", date, 3 * time.Second}, // a second-granular date, a few ms later
	} {
		t.Run(c.name, func(t *testing.T) {
			var posts int
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				posts++
				if posts == 1 {
					w.Header().Set("Retry-After", c.header)
					http.Error(w, "slow down", http.StatusTooManyRequests)
					return
				}
				w.WriteHeader(202)
			}))
			defer srv.Close()
			s := sessiontest.To(t, srv.URL+secret.V2Path)
			sessiontest.Fill(t, s, 1, 1)
			w := &waits{}
			results, sum := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Base: time.Millisecond, Sleep: w.sleep})
			if sum.Delivered != 1 || posts != 2 {
				t.Fatalf("summary %+v after %d POSTs", sum, posts)
			}
			r := results[0]
			if len(w.d) != 1 || w.d[0] < c.atLeast || r.Waited < c.atLeast {
				t.Errorf("want a wait of at least %v, have %v (result %v)", c.atLeast, w.d, r.Waited)
			}
		})
	}
}

func TestFlushRetryingStopsOnPermanentAndWhenOut(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		status, posts int
	}{
		{400, 1}, {401, 1}, {403, 1}, {404, 1}, {405, 1}, {413, 1}, {415, 1}, {302, 1},
		{408, 3}, {429, 3}, {500, 3}, {502, 3}, {503, 3},
	} {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			col := &testkit.Collector{Answer: func(int) int { return c.status }}
			srv := httptest.NewServer(col)
			defer srv.Close()
			s := sessiontest.To(t, srv.URL+secret.V2Path)
			sessiontest.Fill(t, s, 1, 2)
			w := &waits{}
			results, sum := flushRetrying(s, outbox.RetryPolicy{Retries: 2, Sleep: w.sleep})
			if have := col.Count(); have != c.posts {
				t.Errorf("POSTs: want %d, have %d", c.posts, have)
			}
			if sum.Failed != 2 || results[0].Attempts != c.posts {
				t.Errorf("summary %+v, attempts %d", sum, results[0].Attempts)
			}
			if n := len(s.Outbox().PendingSpans()); n != 2 {
				t.Errorf("nothing dropped: %d pending", n)
			}
		})
	}
}

func TestFlushRetryingRefused(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + secret.V2Path
	srv.Close() // nothing listens there now
	s := sessiontest.To(t, url)
	sessiontest.Fill(t, s, 1, 1)
	w := &waits{}
	results, _ := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Sleep: w.sleep})
	if r := results[0]; r.Class != outbox.ClassRefused || r.Attempts != 4 || len(w.d) != 3 {
		t.Errorf("refused: class %q, %d attempts, waits %v", r.Class, r.Attempts, w.d)
	}
}

// A server asking for longer than the policy waits is not retried: the
// result says how long it asked for, and nothing is dropped.
func TestFlushRetryingTooLongRetryAfter(t *testing.T) {
	t.Parallel()
	col := &testkit.Collector{Answer: func(int) int { return 503 }}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		col.ServeHTTP(w, r)
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sessiontest.Fill(t, s, 1, 1)
	w := &waits{}
	results, sum := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Sleep: w.sleep})
	r := results[0]
	if col.Count() != 1 || len(w.d) != 0 || sum.Failed != 1 {
		t.Errorf("%d POSTs, waits %v, %+v", col.Count(), w.d, sum)
	}
	if r.RetryAfter != time.Hour || !strings.Contains(r.Hint, "asks to wait 1h0m0s") || !strings.Contains(r.Summary(), "Retry-After 1h0m0s") {
		t.Errorf("result: %v %q\n%s", r.RetryAfter, r.Hint, r.Summary())
	}
}

// A Retry-After of 20 digits, or one that cannot be read, ends the retries
// with that reason instead of being ignored.
func TestFlushRetryingUnreadableRetryAfterStops(t *testing.T) {
	t.Parallel()
	for _, header := range []string{"99999999999999999999", "in a while"} {
		col := &testkit.Collector{Answer: func(int) int { return 503 }}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Retry-After"] = []string{header}
			col.ServeHTTP(w, r)
		}))
		s := sessiontest.To(t, srv.URL+secret.V2Path)
		sessiontest.Fill(t, s, 1, 1)
		w := &waits{}
		results, _ := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Sleep: w.sleep})
		srv.Close()
		if r := results[0]; col.Count() != 1 || len(w.d) != 0 || r.RetryStopped == "" || !strings.Contains(r.Hint, r.RetryStopped) || strings.Contains(r.RetryStopped, "\x1b") {
			t.Errorf("Retry-After %q: %d POSTs, waits %v, stopped %q, hint %q", header, col.Count(), w.d, r.RetryStopped, r.Hint)
		}
	}
}
