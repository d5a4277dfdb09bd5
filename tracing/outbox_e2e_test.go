//go:build e2e

package tracing_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// Jaeger's query port answers POST /api/v2/spans with 200 and its UI page:
// measured against the real thing, that is not a delivery, because only a
// collector's 2xx means the spans arrived.
func TestJaegerUIPortIsNotACollector(t *testing.T) {
	jaegertest.Start(t)
	s := sessiontest.To(t, jaegertest.QueryURL+secret.V2Path)
	sessiontest.Fill(t, s, 1, 3)
	results, sum := sessiontest.FlushAll(s)
	if sum.Delivered != 0 || len(results) != 1 {
		t.Fatalf("flush to the UI port: %+v", sum)
	}
	r := results[0]
	if r.Status != 200 || r.Class != outbox.ClassNotCollector || r.OK() {
		t.Errorf("want HTTP 200 classed %q, have %d %q", outbox.ClassNotCollector, r.Status, r.Class)
	}
	t.Logf("%s", r.Summary())
	if n := len(s.Outbox().PendingSpans()); n != 3 {
		t.Errorf("the spans stay queued: %d", n)
	}
	if p := s.Outbox().Probe(context.Background()); p.OK() || p.Class != outbox.ClassNotCollector {
		t.Errorf("check must be unhealthy on the UI port: %q", p.Class)
	}
}

// Pointed at Jaeger's /api/v1/spans, the session sends v1 JSON, and Jaeger
// stores the service name, tags and kinds (v2 JSON there became
// unknown-service with no tags).
func TestJaegerV1PathStoresServiceAndTags(t *testing.T) {
	jaegertest.Start(t)
	s := sessiontest.To(t, strings.Replace(jaegertest.ZipkinURL, secret.V2Path, tracing.V1Path, 1), func(c *tracing.Config) { c.Service = "e2e-v1-path" })
	if s.Outbox().Encoding() != outbox.EncodingV1 {
		t.Fatalf("encoding %q", s.Outbox().Encoding())
	}
	root, _ := s.NewTrace("checkout")
	clientKind := model.Client
	client, _ := s.Start(root, tracing.SpanOptions{Name: "charge card", Kind: &clientKind})
	testkit.Must(t, s.Tag(root, "order.id", "42"))
	testkit.Must(t, s.Finish(client))
	testkit.Must(t, s.Finish(root))
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 2 {
		t.Fatalf("flush: %+v", sum)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := jaegertest.WaitTrace(ctx, root.Context.TraceID.String(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range tr.Spans {
		if p := tr.Processes[sp.ProcessID]; p.ServiceName != "e2e-v1-path" {
			t.Errorf("span %s: service %q", sp.OperationName, p.ServiceName)
		}
		switch sp.SpanID {
		case root.Context.ID.String():
			if v, _ := sp.Tag("order.id"); v != "42" {
				t.Errorf("root tag order.id: %q (tags %+v)", v, sp.Tags)
			}
		case client.Context.ID.String():
			if v, _ := sp.Tag("span.kind"); v != "client" {
				t.Errorf("client kind: %q", v)
			}
		}
	}
}
