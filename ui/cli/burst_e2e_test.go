//go:build e2e

package cli

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"zipkin-playground/tracing/jaegertest"
)

// TestJaegerGzipBurst: a burst with --gzip reaches a real Jaeger (its Zipkin
// receiver reads Content-Encoding: gzip): every span delivered, and the
// first and last traces read back whole.
func TestJaegerGzipBurst(t *testing.T) {
	jaegertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code, stdout, stderr := run(t, "send", "--json", "--gzip", "--count", "200", "--endpoint", jaegertest.ZipkinURL, "--service", "e2e-burst")
	if code != 0 {
		t.Fatalf("send: exit %d: %s", code, stderr)
	}
	var rep SendReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Delivered != 800 || len(rep.TraceIDs) != 200 || rep.Batches[0].Bytes*5 > rep.Batches[0].Spans*285 {
		t.Fatalf("%d delivered, %d traces, first batch %+v", rep.Delivered, len(rep.TraceIDs), rep.Batches[0])
	}
	for _, id := range []string{rep.TraceIDs[0], rep.TraceIDs[199]} {
		if _, err := jaegertest.WaitTrace(ctx, id, 4); err != nil {
			t.Errorf("trace %s: %v", id, err)
		}
	}
}
