package outbox

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// TestStreamBodiesAreZipkinGos: a Stream in Forget mode, whose bodies are
// written into reused buffers, POSTs each span exactly once and every body
// is the bytes reporter.JSONSerializer writes for the spans in it — also
// when the collector refuses every third POST without reading its body, so
// that batches go back to the queue and are sent again: neither their
// buffers nor their outbox entries may be reused before they are delivered.
func TestStreamBodiesAreZipkinGos(t *testing.T) {
	t.Parallel()
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprint("gzip=", gz), func(t *testing.T) {
			t.Parallel()
			streamBodiesAreZipkinGos(t, gz)
		})
	}
}

// streamBodiesAreZipkinGos is TestStreamBodiesAreZipkinGos, with bodies
// compressed or not (the serialized buffer is then reused at once).
func streamBodiesAreZipkinGos(t *testing.T, gz bool) {
	var mu sync.Mutex
	var bodies [][]byte
	posts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts++
		refuse := posts%3 == 0
		mu.Unlock()
		if refuse {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			body = zr
		}
		b, err := io.ReadAll(body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	ep, err := secret.ParseEndpoint(srv.URL + "/api/v2/spans")
	if err != nil {
		t.Fatal(err)
	}
	o := New(Options{Encoding: EncodingJSON, Timeout: 5 * time.Second, Batch: 50, Forget: true, Gzip: gz})
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	defer o.Close()
	noWait := func(context.Context, time.Duration) error { return nil }
	st := o.Stream(context.Background(), StreamOptions{Retry: RetryPolicy{Sleep: noWait}}) // a refused batch goes back to the queue
	spans := testkit.BurstSpans(200, 10)
	for _, s := range spans {
		o.Send(s)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	seen := map[SpanKey]int{}
	for _, b := range bodies {
		var got []model.SpanModel
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		want, err := reporter.JSONSerializer{}.Serialize(testkit.Ptrs(got))
		if err != nil || !bytes.Equal(b, want) {
			t.Fatalf("body is not zipkin-go's (%v):\n got %s\nwant %s", err, b, want)
		}
		for _, s := range got {
			seen[KeyOf(s)]++
		}
	}
	for _, s := range spans {
		if n := seen[KeyOf(s)]; n != 1 {
			t.Fatalf("span %v arrived %d times", KeyOf(s), n)
		}
	}
	if len(seen) != len(spans) || o.Counts().Delivered != len(spans) {
		t.Errorf("%d spans arrived, %d delivered, of %d", len(seen), o.Counts().Delivered, len(spans))
	}
}
