//go:build e2e

package tracing

import (
	"context"
	"testing"

	"zipkin-playground/tracing/jaegertest"
)

// Jaeger's query port answers POST /api/v2/spans with 200 and its UI page:
// measured against the real thing, that is not a delivery (rule 9).
func TestJaegerUIPortIsNotACollector(t *testing.T) {
	jaegertest.Start(t)
	s := sessionTo(t, jaegertest.QueryURL+V2Path)
	fillSession(t, s, 1, 3)
	results, sum := flushAll(s)
	if sum.Delivered != 0 || len(results) != 1 {
		t.Fatalf("flush to the UI port: %+v", sum)
	}
	r := results[0]
	if r.Status != 200 || r.Class != ClassNotCollector || r.OK() {
		t.Errorf("want HTTP 200 classed %q, have %d %q", ClassNotCollector, r.Status, r.Class)
	}
	t.Logf("%s", r.Summary())
	if n := len(s.Outbox().PendingSpans()); n != 3 {
		t.Errorf("the spans stay queued: %d", n)
	}
	if p := s.Outbox().Probe(context.Background()); p.OK() || p.Class != ClassNotCollector {
		t.Errorf("check must be unhealthy on the UI port: %q", p.Class)
	}
}
