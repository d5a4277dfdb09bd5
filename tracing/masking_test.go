package tracing_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// Masking runs before the 512-byte cut: a token straddling the limit must
// not show in part.
func TestServerMessageMaskedBeforeTruncation(t *testing.T) {
	t.Parallel()
	const token = "s3cr3t-t0ken-abcdef"
	for _, at := range []int{500, 505, 510} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, strings.Repeat("x", at)+token+" is not valid")
		}))
		s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Headers = []secret.Header{{Name: "X-Api-Key", Value: token}} })
		r := s.Outbox().Probe(context.Background())
		srv.Close()
		if len(r.Message) > outbox.MaxServerMessage {
			t.Errorf("at %d: message is %d bytes", at, len(r.Message))
		}
		if strings.Contains(r.Message, token[:6]) {
			t.Errorf("at %d: a cut token shows: %q", at, r.Message[at-5:])
		}
	}
}
