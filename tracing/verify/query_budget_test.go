package verify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// A hostile query API answers a trace read with 250 MiB of empty spans, or
// with a few MiB that decode into millions: both are refused within the
// budget, and the 250 MiB are not read.
func TestQueryAnswerBudget(t *testing.T) {
	t.Parallel()
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("{},", 1<<14))
		total := 250 << 20
		if r.URL.Query().Get("small") != "" {
			total = 4 << 20
		}
		_, _ = w.Write([]byte("["))
		for n := 0; n < total; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			written.Add(int64(len(chunk)))
		}
		_, _ = w.Write([]byte("{}]"))
	}))
	defer srv.Close()
	for _, base := range []string{srv.URL, srv.URL + "?small=1"} {
		ep, err := ParseQueryURL(base)
		if err != nil {
			t.Fatal(err)
		}
		written.Store(0)
		spans, err := newZipkinQuery(ep, QueryOptions{}).Trace(context.Background(), model.TraceID{Low: 1})
		if !errors.Is(err, errAnswerTooLarge) && (err == nil || !strings.Contains(err.Error(), errAnswerTooLarge.Error())) {
			t.Errorf("%s: %d spans, %v", base, len(spans), err)
		}
		if w := written.Load(); w > 64<<20 {
			t.Errorf("%s: %d MiB were read", base, w>>20)
		}
	}
}
