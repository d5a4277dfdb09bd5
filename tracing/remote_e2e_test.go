//go:build e2e

package tracing_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// A CLIENT call with a remote endpoint and its SERVER side, read back from a
// real Jaeger: the remote endpoint arrives (peer.service and the address),
// the trace has one root, and no span ID is stored twice.
func TestJaegerClientServerWithRemoteEndpoint(t *testing.T) {
	jaegertest.Start(t)
	s := sessiontest.To(t, jaegertest.ZipkinURL, func(c *tracing.Config) { c.Service = "e2e-frontend" })
	client, err := s.Start(nil, tracing.SpanOptions{Name: "charge card", Kind: tracing.KindPtr(model.Client)})
	testkit.Must(t, err)
	testkit.Must(t, s.SetRemoteEndpoint(client, "payments", "10.0.0.7:8080"))
	server, err := s.Start(client, tracing.SpanOptions{Name: "charge card", Kind: tracing.KindPtr(model.Server), Service: "e2e-payments"})
	testkit.Must(t, err)
	if !server.Key.Shared {
		t.Fatal("the SERVER side must share the CLIENT's span ID")
	}
	testkit.Must(t, s.Finish(server))
	testkit.Must(t, s.Finish(client))
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 2 || sum.Failed != 0 {
		t.Fatalf("flush to Jaeger: %+v", sum)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := jaegertest.WaitTrace(ctx, client.Context.TraceID.String(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		b, _ := json.MarshalIndent(tr, "", " ")
		t.Logf("%s", b)
	}
	ids := map[string]int{}
	roots := 0
	var clientSpan *jaegertest.Span
	for i, sp := range tr.Spans {
		ids[sp.SpanID]++
		if sp.ParentID() == "" {
			roots++
		}
		if kind, _ := sp.Tag("span.kind"); kind == "client" {
			clientSpan = &tr.Spans[i]
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("span ID %s stored %d times", id, n)
		}
	}
	if roots != 1 || len(tr.Spans) != 2 {
		t.Errorf("want 2 spans under one root, have %d spans and %d roots", len(tr.Spans), roots)
	}
	if clientSpan == nil || clientSpan.SpanID != client.Context.ID.String() {
		t.Fatalf("the CLIENT span is missing: %+v", tr.Spans)
	}
	if v, _ := clientSpan.Tag("peer.service"); v != "payments" {
		t.Errorf("remote endpoint service: want peer.service=payments, have %q (tags %+v)", v, clientSpan.Tags)
	}
	// Jaeger's Zipkin receiver maps remoteEndpoint to these tags (measured).
	for k, want := range map[string]string{"net.peer.ip": "10.0.0.7", "net.peer.port": "8080"} {
		if v, _ := clientSpan.Tag(k); v != want {
			t.Errorf("remote endpoint: want %s=%s, have %q", k, want, v)
		}
	}
}
