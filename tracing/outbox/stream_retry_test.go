package outbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// A burst whose collector asks to wait a day stops sending, with the reason,
// instead of POSTing the next batch at once.
func TestStreamStopsOnLongRetryAfter(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.Header().Set("Retry-After", "86400")
		http.Error(w, "come back tomorrow", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ep, _ := secret.ParseEndpoint(srv.URL + secret.V2Path)
	o := New(Options{Forget: true, Batch: 10, InFlight: 1})
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	var stopped atomic.Value
	st := o.Stream(context.Background(), StreamOptions{OnResult: func(r DeliveryResult) {
		if r.RetryStopped != "" {
			stopped.Store(r.RetryStopped)
		}
	}})
	for _, s := range testkit.BurstSpans(20, 10) {
		o.Send(s)
	}
	_ = st.Close()
	if posts.Load() != 1 || stopped.Load() == nil {
		t.Errorf("%d POSTs after the collector asked to wait a day; reason %v", posts.Load(), stopped.Load())
	}
	if c := o.Counts(); c.Delivered != 0 || c.Undelivered() != 200 {
		t.Errorf("counts %+v", c)
	}
}
