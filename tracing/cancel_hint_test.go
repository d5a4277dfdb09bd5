package tracing_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// A flush cancelled while a batch waits for its answer does not say that
// batch was "not sent": its body left, the collector may have it. Both kinds
// stay queued, as the counts say.
func TestCancelledFlushSaysWhatWasSent(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Batch = 1; c.Timeout = time.Minute })
	sessiontest.Fill(t, s, 10, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }() // once a batch is on the wire
	var results []outbox.DeliveryResult
	s.Outbox().Flush(ctx, func(r outbox.DeliveryResult) { results = append(results, r) })
	inFlight := 0
	for _, r := range results {
		sent := r.Latency > 0
		switch {
		case sent && strings.Contains(r.Hint, "waiting for the answer"):
			inFlight++
		case !sent && strings.Contains(r.Hint, "not sent"):
		default:
			t.Errorf("batch %d (sent %v): hint %q", r.Batch, sent, r.Hint)
		}
	}
	if inFlight == 0 {
		t.Error("no batch was cancelled in flight")
	}
	if c := s.Outbox().Counts(); c.Queued != 10 {
		t.Errorf("every span stays queued: %+v", c)
	}
}
