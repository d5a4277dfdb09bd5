package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// A collector that stores a POST but answers it 503 (the answer lost on the
// way back), and stores the retry too, holds every span twice: verification
// says so, with the reason, instead of "verified".
func TestVerifyReportsRetryDuplicates(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var stored []json.RawMessage
	posts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost {
			var spans []json.RawMessage
			body, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(body, &spans)
			stored = append(stored, spans...)
			if posts++; posts == 1 {
				w.WriteHeader(http.StatusServiceUnavailable) // stored, but the client hears a failure
				return
			}
			w.WriteHeader(http.StatusAccepted)
			return
		}
		_, _ = w.Write(append(append([]byte("["), bytes.Join(toBytes(stored), []byte(","))...), ']'))
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sent := demoTrace(t, s, "retried")
	noWait := func(context.Context, time.Duration) error { return nil }
	if sum := s.Outbox().FlushRetrying(context.Background(), outbox.RetryPolicy{Retries: 1, Sleep: noWait}, nil); sum.Delivered != len(sent) || posts != 2 {
		t.Fatalf("delivery: %+v after %d POSTs", sum, posts)
	}
	base, _ := ParseQueryURL(srv.URL)
	rep := NewVerifier(newZipkinQuery(base, QueryOptions{}), Options{Timeout: time.Second}).Verify(context.Background(), DeliveredSpans(s))
	tr := rep.Traces[0]
	if tr.State != StateChanged || len(tr.Differences) != len(sent) || rep.Verified != 0 {
		t.Fatalf("state %s, %d differences, %d verified: %+v", tr.State, len(tr.Differences), rep.Verified, tr.Differences)
	}
	for _, d := range tr.Differences {
		if d.Field != "copies" || d.Sent != "1" || d.Stored != "2" || d.Rewrite != "retry-duplicate" || !strings.Contains(d.Why, "stored more times than sent") {
			t.Errorf("difference %+v", d)
		}
	}
}

func toBytes(raw []json.RawMessage) [][]byte {
	out := make([][]byte, len(raw))
	for i, r := range raw {
		out[i] = r
	}
	return out
}
