package tracing

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestEncodingFor(t *testing.T) {
	const v1 = "http://h:9411/api/v1/spans"
	const v2 = "http://h:9411/api/v2/spans"
	for _, c := range []struct {
		endpoint string
		explicit Encoding
		was      bool
		want     Encoding
		err      bool
	}{
		{v2, EncodingJSON, false, EncodingJSON, false},
		{v2, EncodingProto, true, EncodingProto, false},
		{v2, "", false, EncodingJSON, false},
		{v2, EncodingV1, true, EncodingV1, false},
		{v1, EncodingJSON, false, EncodingV1, false}, // the default follows the path
		{v1, "", false, EncodingV1, false},
		{v1 + "/", EncodingJSON, false, EncodingV1, false},
		{"http://h/tok/api/v1/spans", EncodingJSON, false, EncodingV1, false},
		{v1, EncodingV1, true, EncodingV1, false},
		{v1, EncodingJSON, true, "", true}, // Jaeger would store unknown-service
		{v1, EncodingProto, true, "", true},
		{"http://h:9411/", EncodingProto, true, EncodingProto, false},
	} {
		ep, err := ParseEndpoint(c.endpoint)
		if err != nil {
			t.Fatal(err)
		}
		have, err := EncodingFor(ep, c.explicit, c.was)
		if have != c.want || (err != nil) != c.err || (err != nil && !errors.Is(err, ErrEncodingMismatch)) {
			t.Errorf("%s %q explicit=%v: want %q (error %v), have %q %v", c.endpoint, c.explicit, c.was, c.want, c.err, have, err)
		}
	}
	if enc, err := EncodingFor(LocalEndpoint(), EncodingProto, true); enc != EncodingProto || err != nil {
		t.Errorf("local: %q %v", enc, err)
	}
}

// A session pointed at /api/v1/spans sends v1 JSON there (Jaeger and
// collectors misread v2), and an explicit proto there refuses to start.
func TestSessionV1PathSendsV1(t *testing.T) {
	bodies := make(chan []byte, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- b
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	s := sessionTo(t, srv.URL+V1Path)
	if want, have := EncodingV1, s.Outbox().Encoding(); want != have {
		t.Fatalf("encoding: want %q, have %q", want, have)
	}
	fillSession(t, s, 1, 3)
	if _, sum := flushAll(s); sum.Delivered != 3 {
		t.Fatalf("%+v", sum)
	}
	body := <-bodies
	spans, err := DecodeV1JSON(body)
	if !LooksLikeV1JSON(body) || err != nil || len(spans) != 3 {
		t.Errorf("not v1 JSON (%v, %d spans): %s", err, len(spans), body)
	}
	// Back to a v2 path: v2 JSON again.
	if err := s.SetEndpoint(srv.URL + V2Path); err != nil || s.Outbox().Encoding() != EncodingJSON {
		t.Errorf("back to v2: %v %q", err, s.Outbox().Encoding())
	}

	cfg := DefaultConfig()
	cfg.Endpoint, cfg.Encoding = srv.URL+V1Path, EncodingProto
	if _, err := NewSession(cfg); !errors.Is(err, ErrEncodingMismatch) {
		t.Errorf("proto to /api/v1/spans: want ErrEncodingMismatch, have %v", err)
	}
}
