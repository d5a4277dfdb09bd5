package tracing_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// OnRetry hears of each failed attempt before its wait, so a screen can say
// "503 … waiting 1s (Retry-After), attempt 2 of 4" while it waits.
func TestFlushRetryingTellsEachRetry(t *testing.T) {
	t.Parallel()
	var posts int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		posts++
		if posts < 3 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(202)
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sessiontest.Fill(t, s, 1, 1)
	type retry struct {
		attempt, status int
		wait            time.Duration
	}
	var heard []retry
	w := &waits{}
	_, sum := flushRetrying(s, outbox.RetryPolicy{Retries: 3, Base: time.Millisecond, Sleep: w.sleep,
		OnRetry: func(r outbox.DeliveryResult, wait time.Duration) {
			heard = append(heard, retry{r.Attempts, r.Status, wait})
		}})
	if sum.Delivered != 1 {
		t.Fatalf("summary %+v", sum)
	}
	want := []retry{{1, 503, time.Second}, {2, 503, time.Second}}
	if len(heard) != len(want) {
		t.Fatalf("want %v, have %v", want, heard)
	}
	for i := range want {
		if heard[i].attempt != want[i].attempt || heard[i].status != want[i].status || heard[i].wait < want[i].wait {
			t.Errorf("retry %d: want %v, have %v", i, want[i], heard[i])
		}
	}
}
