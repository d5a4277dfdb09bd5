//go:build e2e

package tracing_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// readBackJaeger waits until Jaeger has want spans of the trace and returns
// the trace with its spans by ID (the whole trace is logged with -v).
func readBackJaeger(ctx context.Context, t *testing.T, id model.TraceID, want int) (jaegertest.Trace, map[string]jaegertest.Span) {
	t.Helper()
	tr, err := jaegertest.WaitTrace(ctx, id.String(), want)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		b, _ := json.MarshalIndent(tr, "", " ")
		t.Logf("%s", b)
	}
	byID := map[string]jaegertest.Span{}
	for _, sp := range tr.Spans {
		byID[sp.SpanID] = sp
	}
	return tr, byID
}

// TestJaegerEndToEnd sends a 3-level trace with tags, an error, an annotation
// and a CLIENT span, plus a debug trace, through the outbox to a real Jaeger v2
// in both encodings, and reads them back from Jaeger's query API.
func TestJaegerEndToEnd(t *testing.T) {
	jaegertest.Start(t)
	for _, enc := range []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto} {
		t.Run(string(enc), func(t *testing.T) {
			s := sessiontest.To(t, jaegertest.ZipkinURL, func(c *tracing.Config) {
				c.Encoding = enc
				c.Service = "e2e-" + string(enc)
				c.Batch = 2 // several batches
			})
			root, _ := s.NewTrace("checkout")
			clientKind := model.Client // the session keeps no "next kind": each span gets its own
			client, _ := s.Start(root, tracing.SpanOptions{Name: "charge card", Kind: &clientKind})
			grand, _ := s.Start(client, tracing.SpanOptions{Name: "validate", Kind: &clientKind})
			testkit.Must(t, s.Tag(root, "order.id", "42"))
			testkit.Must(t, s.Error(grand, "card declined"))
			testkit.Must(t, s.Annotate(client, "retrying"))
			for _, n := range []*tracing.Node{grand, client, root} {
				testkit.Must(t, s.Finish(n))
			}
			debug, _ := s.DebugTrace("debug me")
			testkit.Must(t, s.Finish(debug))

			_, sum := sessiontest.FlushAll(s)
			if sum.Delivered != 4 || sum.Failed != 0 {
				t.Fatalf("flush to Jaeger: %+v", sum)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			tr, byID := readBackJaeger(ctx, t, root.Context.TraceID, 3)
			check := func(n *tracing.Node, parent *tracing.Node) jaegertest.Span {
				t.Helper()
				sp, ok := byID[n.Context.ID.String()]
				if !ok {
					t.Fatalf("span %s (%s) missing from Jaeger", n.Name, n.Context.ID)
				}
				if want, have := n.Name, sp.OperationName; want != have {
					t.Errorf("name: want %q, have %q", want, have)
				}
				wantParent := ""
				if parent != nil {
					wantParent = parent.Context.ID.String()
				}
				if have := sp.ParentID(); have != wantParent {
					t.Errorf("%s parent: want %q, have %q", n.Name, wantParent, have)
				}
				// zipkin-go rounds to the microsecond; allow that one unit.
				if want, have := n.Duration.Microseconds(), sp.Duration; have < want-1 || have > want+1 {
					t.Errorf("%s duration: want %dµs, have %dµs", n.Name, want, have)
				}
				return sp
			}
			rs := check(root, nil)
			cs := check(client, root)
			gs := check(grand, client)
			if v, _ := rs.Tag("order.id"); v != "42" {
				t.Errorf("root tag order.id: have %q", v)
			}
			if v, _ := cs.Tag("span.kind"); v != "client" {
				t.Errorf("client span.kind: have %q", v)
			}
			if _, ok := rs.Tag("span.kind"); ok {
				t.Errorf("root has a kind, want none")
			}
			if !hasTag(gs, "error", "card declined") {
				t.Errorf("error tag card declined missing: %+v", gs.Tags)
			}
			if !containsText(gs.LogValues(), tracing.ErrorAnnotation("card declined")) {
				t.Errorf("error annotation missing: %q", gs.LogValues())
			}
			if !containsText(cs.LogValues(), "retrying") {
				t.Errorf("annotation missing: %q", cs.LogValues())
			}
			if p := tr.Processes[rs.ProcessID]; p.ServiceName != "e2e-"+string(enc) {
				t.Errorf("service: have %q", p.ServiceName)
			}
			dt, err := jaegertest.WaitTrace(ctx, debug.Context.TraceID.String(), 1)
			if err != nil {
				t.Fatalf("debug trace: %v", err)
			}
			if dt.Spans[0].SpanID != debug.Context.ID.String() || dt.Spans[0].OperationName != "debug me" {
				t.Errorf("debug trace read back: %+v", dt.Spans[0])
			}
		})
	}
}

func containsText(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

func hasTag(sp jaegertest.Span, key, value string) bool {
	for _, kv := range sp.Tags {
		if kv.Key == key && fmt.Sprint(kv.Value) == value {
			return true
		}
	}
	return false
}
