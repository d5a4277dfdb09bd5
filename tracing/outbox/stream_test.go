package outbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// TestForgetKeepsOnlyCounts: in Forget mode a flushed outbox holds no entry
// and no state for delivered spans, only the counts; without it every
// span's state is remembered.
func TestForgetKeepsOnlyCounts(t *testing.T) {
	t.Parallel()
	rcv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer rcv.Close()
	ep, _ := secret.ParseEndpoint(rcv.URL())
	spans := testkit.BurstSpans(50, 4)
	for _, forget := range []bool{false, true} {
		o := New(Options{Forget: forget})
		o.SetEndpoint(ep, secret.NewMasker(ep, nil))
		for _, s := range spans {
			o.Send(s)
		}
		o.Flush(context.Background(), nil)
		size, c := o.Size(), o.Counts()
		wantStates := len(spans)
		if forget {
			wantStates = 0
		}
		if size.Entries != 0 || size.States != wantStates || c.Delivered != len(spans) || c.Undelivered() != 0 {
			t.Errorf("forget %v: %+v %+v", forget, size, c)
		}
	}
}

// TestStreamRequeuesFailedBatches: a batch the collector refuses (503) goes
// back to the end of the queue and is sent again once the collector
// accepts; Close returns when everything is delivered.
func TestStreamRequeuesFailedBatches(t *testing.T) {
	t.Parallel()
	var posts, refuse atomic.Int32
	refuse.Store(3)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		if refuse.Add(-1) >= 0 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	ep, _ := secret.ParseEndpoint(srv.URL + secret.V2Path)
	o := New(Options{Forget: true, Batch: 10, InFlight: 1})
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	var failed atomic.Int32
	st := o.Stream(context.Background(), StreamOptions{OnResult: func(r DeliveryResult) {
		if !r.OK() {
			failed.Add(1)
		}
	}})
	for _, s := range testkit.BurstSpans(5, 10) {
		o.Send(s)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if c := o.Counts(); c.Delivered != 50 || c.Undelivered() != 0 || failed.Load() != 3 || posts.Load() != 8 || o.Size().Entries != 0 {
		t.Errorf("%+v, %d failed results, %d POSTs, %+v", c, failed.Load(), posts.Load(), o.Size())
	}
}

// TestStreamSetsAsidePoisonSpans: a span no serializer accepts fails once and
// is set aside (still failed, back in the queue after Close), while the
// others of its batch are delivered; the stream neither spins on it nor
// gives up.
func TestStreamSetsAsidePoisonSpans(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	ep, _ := secret.ParseEndpoint(srv.URL + secret.V2Path)
	o := New(Options{Forget: true, Batch: 10, InFlight: 2})
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	var invalid atomic.Int32
	st := o.Stream(context.Background(), StreamOptions{OnResult: func(r DeliveryResult) {
		if r.Class == ClassInvalidSpan {
			invalid.Add(1)
		}
	}})
	spans := testkit.BurstSpans(3, 10)
	spans[5].Timestamp = time.Unix(0, 0).Add(-time.Hour) // before 1970: refused
	for _, s := range spans {
		o.Send(s)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	c := o.Counts()
	if c.Delivered != 29 || c.Failed != 1 || invalid.Load() != 1 || posts.Load() != 3 || len(o.PendingSpans()) != 1 {
		t.Errorf("%+v, %d invalid results, %d POSTs, %d pending", c, invalid.Load(), posts.Load(), len(o.PendingSpans()))
	}
}
