//go:build e2e

package tracing_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// TestJaegerV1EndToEnd sends a trace as v1 JSON (V1JSONSerializer) to
// Jaeger's /api/v1/spans and reads it back: service names, tags, kinds and
// parents arrive — not the `unknown-service` with no tags that v2 JSON on
// that path gives — and the remote endpoint's "sa" does not make Jaeger
// refuse the batch.
func TestJaegerV1EndToEnd(t *testing.T) {
	jaegertest.Start(t)
	v1URL := strings.Replace(jaegertest.ZipkinURL, "/api/v2/spans", "/api/v1/spans", 1)
	s := sessiontest.To(t, v1URL, func(c *tracing.Config) {
		c.Encoding = outbox.EncodingV1
		c.Service = "v1-front"
	})
	client, server := model.Client, model.Server
	producer := model.Producer
	root, _ := s.NewTrace("checkout")
	call, _ := s.Start(root, tracing.SpanOptions{Name: "charge card", Kind: &client})
	testkit.Must(t, s.SetRemoteEndpoint(call, "payments", "10.0.0.2:8080"))
	srv, _ := s.Start(call, tracing.SpanOptions{Name: "charge card", Kind: &server, Service: "v1-back"})
	pub, _ := s.Start(root, tracing.SpanOptions{Name: "publish", Kind: &producer})
	testkit.Must(t, s.Tag(root, "order.id", "42"))
	testkit.Must(t, s.Tag(call, "card", "visa"))
	testkit.Must(t, s.Tag(srv, "db.rows", "1"))
	testkit.Must(t, s.Annotate(call, "retrying"))
	if !srv.Key.Shared {
		t.Fatalf("the SERVER child of a CLIENT should be shared")
	}
	for _, n := range []*tracing.Node{srv, call, pub, root} {
		testkit.Must(t, s.Finish(n))
	}
	results, sum := sessiontest.FlushAll(s)
	if sum.Delivered != 4 || sum.Failed != 0 {
		t.Fatalf("flush to Jaeger's v1 path: %+v %+v", sum, results)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The shared SERVER span travels inside its CLIENT's v1 span: 3 v1 spans.
	tr, byID := readBackJaeger(ctx, t, root.Context.TraceID, 3)
	check := func(n *tracing.Node, parent *tracing.Node, kind string) jaegertest.Span {
		t.Helper()
		sp, ok := byID[n.Context.ID.String()]
		if !ok {
			t.Fatalf("span %s missing from Jaeger", n.Name)
		}
		if want, have := strings.ToLower(n.Name), sp.OperationName; want != have {
			t.Errorf("name: want %q, have %q", want, have)
		}
		wantParent := ""
		if parent != nil {
			wantParent = parent.Context.ID.String()
		}
		if have := sp.ParentID(); have != wantParent {
			t.Errorf("%s parent: want %q, have %q", n.Name, wantParent, have)
		}
		if have, _ := sp.Tag("span.kind"); have != kind {
			t.Errorf("%s span.kind: want %q, have %q", n.Name, kind, have)
		}
		if p := tr.Processes[sp.ProcessID]; p.ServiceName != "v1-front" {
			t.Errorf("%s service: want v1-front, have %q", n.Name, p.ServiceName)
		}
		return sp
	}
	rs := check(root, nil, "")
	cs := check(call, root, "client")
	check(pub, root, "producer")
	if !hasTag(rs, "order.id", "42") {
		t.Errorf("root tags: %+v", rs.Tags)
	}
	if !hasTag(cs, "card", "visa") {
		t.Errorf("client tags: %+v", cs.Tags)
	}
	if !containsText(cs.LogValues(), "retrying") {
		t.Errorf("client annotation missing: %q", cs.LogValues())
	}
	// Jaeger's v1 decoder does not split a merged RPC span as Zipkin does: it
	// keeps one span, the CLIENT, with the server's tags (db.rows here) and
	// without the server's service. That is Jaeger's reading of v1, not ours.

	// Why "sa" is the string "true": Zipkin's canonical boolean makes Jaeger
	// refuse the whole batch.
	canonical := `[{"traceId":"0000000000000001","id":"0000000000000003","name":"get",` +
		`"binaryAnnotations":[{"key":"sa","value":true,"endpoint":{"serviceName":"backend"}}]}]`
	resp, err := http.Post(v1URL, "application/json", strings.NewReader(canonical))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Logf("Jaeger now answers %d to a boolean sa: V1JSONSerializer could write Zipkin's canonical form", resp.StatusCode)
	}
}
