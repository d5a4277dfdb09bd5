package tracing_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

func TestReconfigureAppliesToTheLiveSession(t *testing.T) {
	t.Parallel()
	capture := &testkit.Collector{}
	srv := httptest.NewServer(capture)
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	old, _ := s.NewTrace("before")

	err := s.Reconfigure(func(c *tracing.Config) {
		c.Encoding = outbox.EncodingProto
		c.TraceID128 = true
		c.Batch = 2
		c.Timeout = 2 * time.Second
		c.Retries = 7
		c.Query = "http://127.0.0.1:16686"
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer s3cr3t-token"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if batch, timeout := s.Outbox().Limits(); batch != 2 || timeout != 2*time.Second {
		t.Errorf("outbox limits: %d %s", batch, timeout)
	}
	if cfg := s.Config(); cfg.Retries != 7 || cfg.Query != "http://127.0.0.1:16686" || s.Outbox().Encoding() != outbox.EncodingProto {
		t.Errorf("config: %+v, encoding %s", cfg, s.Outbox().Encoding())
	}
	// 128-bit trace IDs for new traces only; the running trace keeps its ID.
	child, _ := s.Child(old, "child of the old trace")
	fresh, _ := s.NewTrace("after")
	if old.Context.TraceID.High != 0 || child.Context.TraceID != old.Context.TraceID || fresh.Context.TraceID.High == 0 {
		t.Errorf("trace IDs: old %s, its child %s, new %s", old.Context.TraceID, child.Context.TraceID, fresh.Context.TraceID)
	}
	for _, n := range []*tracing.Node{child, old, fresh} {
		testkit.Must(t, s.Finish(n))
	}
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 3 || sum.Batches != 2 {
		t.Fatalf("flush: %+v", sum)
	}
	for _, p := range capture.Take() {
		if p.Header.Get("Content-Type") != "application/x-protobuf" || p.Header.Get("Authorization") != "Bearer s3cr3t-token" {
			t.Errorf("POST headers: %v", p.Header)
		}
	}
	if strings.Contains(s.Masker().Mask("got Bearer s3cr3t-token"), "s3cr3t") {
		t.Error("the new header's value is not masked")
	}

	// Removing the header: the next POST goes without it, and its value
	// stays masked (the log may quote it).
	testkit.Must(t, s.Reconfigure(func(c *tracing.Config) { c.Headers = nil }))
	sessiontest.Fill(t, s, 1, 1)
	sessiontest.FlushAll(s)
	if posts := capture.Take(); len(posts) != 1 || posts[0].Header.Get("Authorization") != "" {
		t.Errorf("after removal: %+v", posts)
	}
	if strings.Contains(s.Masker().Mask("401: token s3cr3t-token"), "s3cr3t") {
		t.Error("a removed header's value is shown again")
	}
}

func TestReconfigureRefusesAsTheFlagsDo(t *testing.T) {
	t.Parallel()
	s := sessiontest.To(t, "http://127.0.0.1:9"+secret.V2Path)
	v1 := sessiontest.To(t, "http://127.0.0.1:9"+tracing.V1Path)
	before := s.Config()
	for _, c := range []struct {
		name    string
		s       *tracing.Session
		change  func(*tracing.Config)
		field   string // the ConfigError's field; "" for another error
		message string
	}{
		{"batch 0", s, func(c *tracing.Config) { c.Batch = 0 }, tracing.FieldBatch, "between 1 and"},
		{"huge batch", s, func(c *tracing.Config) { c.Batch = tracing.MaxBatch + 1 }, tracing.FieldBatch, "between 1 and"},
		{"timeout 0", s, func(c *tracing.Config) { c.Timeout = 0 }, tracing.FieldTimeout, "more than 0"},
		{"retries -1", s, func(c *tracing.Config) { c.Retries = -1 }, tracing.FieldRetries, "between 0 and"},
		{"query without scheme", s, func(c *tracing.Config) { c.Query = "localhost:16686" }, tracing.FieldQuery, "malformed"},
		{"header with CR", s, func(c *tracing.Config) { c.Headers = []secret.Header{{Name: "X", Value: "a\rb"}} }, tracing.FieldHeader, "control character"},
		{"v1 on a v2 path", s, func(c *tracing.Config) { c.Encoding = outbox.EncodingV1 }, tracing.FieldEncoding, tracing.V1Path},
		{"json on a v1 path", v1, func(c *tracing.Config) { c.Encoding = outbox.EncodingJSON }, tracing.FieldEncoding, tracing.V1Path},
		{"proto on a v1 path", v1, func(c *tracing.Config) { c.Encoding = outbox.EncodingProto }, tracing.FieldEncoding, tracing.V1Path},
		{"endpoint", s, func(c *tracing.Config) { c.Endpoint = "http://other:9411/api/v2/spans" }, "", "SetEndpoint"},
		{"TLS", s, func(c *tracing.Config) { c.Insecure = true }, "", "TLS"},
	} {
		err := c.s.Reconfigure(c.change)
		var ce *tracing.ConfigError
		isConfig := errors.As(err, &ce)
		if err == nil || !strings.Contains(err.Error(), c.message) || isConfig != (c.field != "") || (isConfig && ce.Field != c.field) {
			t.Errorf("%s: want a %q error about %q, have %v", c.name, c.field, c.message, err)
		}
	}
	if after := s.Config(); after.Batch != before.Batch || after.Timeout != before.Timeout || s.Outbox().Encoding() != outbox.EncodingJSON {
		t.Errorf("a refused change changed the session: %+v", after)
	}
	// v1 is what a v1 path sends already: choosing it is no change.
	if err := v1.Reconfigure(func(c *tracing.Config) { c.Encoding = outbox.EncodingV1 }); err != nil || v1.Outbox().Encoding() != outbox.EncodingV1 {
		t.Errorf("v1 on a v1 path: %v %s", err, v1.Outbox().Encoding())
	}
}
