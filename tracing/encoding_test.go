package tracing_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/wire"
	"zipkin-playground/tracing/zipkinv1"
)

// A session pointed at /api/v1/spans sends v1 JSON there (Jaeger and
// collectors misread v2), and an explicit proto there refuses to start.
func TestSessionV1PathSendsV1(t *testing.T) {
	t.Parallel()
	bodies := make(chan []byte, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- b
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+tracing.V1Path)
	if want, have := outbox.EncodingV1, s.Outbox().Encoding(); want != have {
		t.Fatalf("encoding: want %q, have %q", want, have)
	}
	sessiontest.Fill(t, s, 1, 3)
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 3 {
		t.Fatalf("%+v", sum)
	}
	body := <-bodies
	spans, err := zipkinv1.DecodeV1JSON(body)
	if !zipkinv1.LooksLikeV1JSON(body) || err != nil || len(spans) != 3 {
		t.Errorf("not v1 JSON (%v, %d spans): %s", err, len(spans), body)
	}
	// Back to a v2 path: v2 JSON again.
	if err := s.SetEndpoint(srv.URL + secret.V2Path); err != nil || s.Outbox().Encoding() != outbox.EncodingJSON {
		t.Errorf("back to v2: %v %q", err, s.Outbox().Encoding())
	}

	cfg := tracing.DefaultConfig()
	cfg.Endpoint, cfg.Encoding = srv.URL+tracing.V1Path, outbox.EncodingProto
	var ce *tracing.ConfigError
	if _, err := tracing.NewSession(cfg); !errors.As(err, &ce) || ce.Field != tracing.FieldEncoding {
		t.Errorf("proto to /api/v1/spans: want an encoding ConfigError, have %v", err)
	}
}

func TestParseEncodingV1(t *testing.T) {
	t.Parallel()
	e, err := wire.Parse(" V1 ")
	if err != nil || e != outbox.EncodingV1 {
		t.Fatalf("ParseEncoding(v1) = %q, %v", e, err)
	}
	if _, ok := e.Serializer().(zipkinv1.V1JSONSerializer); !ok {
		t.Errorf("v1 serializer is %T", e.Serializer())
	}
}
