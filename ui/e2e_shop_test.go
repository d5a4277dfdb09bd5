//go:build e2e

package ui

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"
	"zipkin-playground/ui/desk"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/shop"
	"zipkin-playground/tracing/verify"
	"zipkin-playground/ui/component"
)

// jaegerModel is a model reporting to the running Jaeger (and reading back
// from its query API).
func jaegerModel(t *testing.T, sampler tracing.SamplerKind) *Model {
	return clientModel(t, func(c *tracing.Config) {
		c.Endpoint, c.Query = jaegertest.ZipkinURL, jaegertest.QueryURL
		c.Sampler = tracing.SamplerSpec{Kind: sampler}
	})
}

// TestShopCallReachesJaegerAsOneTrace: after H, Jaeger holds one trace with
// the playground and the four services, each SERVER under the span of the
// service that called it; a call under sampler never stores nothing from
// the shop.
func TestShopCallReachesJaegerAsOneTrace(t *testing.T) {
	jaegertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	m := jaegerModel(t, tracing.SamplerAlways)
	m, res := callGateway(t, m)
	if res.Status != 200 {
		t.Fatalf("gateway answered %d", res.Status)
	}
	tid := m.tree.Selected().Context.TraceID
	m.shop.Stop() // the services' seven spans are sent before the playground's
	if p := m.shop.Running.ReportProblems(); len(p) > 0 {
		t.Fatalf("the services' reporters failed: %v", p)
	}
	if _, err := jaegertest.WaitTrace(ctx, tid.String(), 7); err != nil {
		t.Fatal(err)
	}
	m, _ = press(t, m, "f")
	settle(t, m, component.StartFlush(ctx, m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	tr, err := jaegertest.WaitTrace(ctx, tid.String(), 8)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		b, _ := json.MarshalIndent(tr, "", " ")
		t.Logf("%s", b)
	}
	checkShopParents(t, tr)
	// Jaeger links services from the spans as stored, before its query side
	// gives each shared SERVER span an ID of its own, and which of two spans
	// with one ID it links depends on which arrived first: with shared spans
	// its /api/dependencies changes from run to run (self-links such as
	// checkout → checkout, or gateway → inventory). Logged, not asserted;
	// TestShopWithChildServerSpansDrawsJaegersGraph checks the graph.
	if links, err := verify.NewJaegerQuery(mustQueryURL(t), verify.QueryOptions{}).Dependencies(ctx, time.Now(), time.Hour); err == nil {
		t.Logf("Jaeger's dependencies with shared spans: %+v", links)
	}

	never := jaegerModel(t, tracing.SamplerNever)
	never, res = callGateway(t, never)
	if res.Status != 200 || headerValue(res.Answer.Received, "X-B3-Sampled") != "0" {
		t.Fatalf("unsampled call: status %d, received %+v", res.Status, res.Answer.Received)
	}
	unsampled := never.tree.Selected().Context.TraceID
	never.shop.Stop() // flushes whatever the services would have reported
	// Stop returned after the services' last POST; give Jaeger's storage a
	// few seconds before saying it holds nothing.
	absent, cancelAbsent := context.WithTimeout(ctx, 5*time.Second)
	defer cancelAbsent()
	if tr, err := jaegertest.WaitTrace(absent, unsampled.String(), 1); err == nil || len(tr.Spans) > 0 {
		t.Errorf("sampler never: Jaeger stored %d spans of trace %s", len(tr.Spans), unsampled)
	}
}

func mustQueryURL(t *testing.T) secret.Endpoint {
	ep, err := verify.ParseQueryURL(jaegertest.QueryURL)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

// checkShopParents: one root (the playground's CLIENT span) and each SERVER
// span under a span of the service that called it, as Jaeger stores a
// shared span (re-parented under its CLIENT).
func checkShopParents(t *testing.T, tr jaegertest.Trace) {
	t.Helper()
	byID := map[string]jaegertest.Span{}
	for _, sp := range tr.Spans {
		byID[sp.SpanID] = sp
	}
	service := func(sp jaegertest.Span) string { return tr.Processes[sp.ProcessID].ServiceName }
	caller := map[string]string{"gateway": "playground", "checkout": "gateway", "inventory": "checkout", "payments": "checkout"}
	roots, servers := 0, map[string]bool{}
	for _, sp := range tr.Spans {
		parent, ok := byID[sp.ParentID()]
		if sp.ParentID() == "" {
			roots++
			if service(sp) != "playground" {
				t.Errorf("root span of %s, want the playground's", service(sp))
			}
			continue
		}
		if !ok {
			t.Errorf("%s span %s: parent %s not in the trace", service(sp), sp.SpanID, sp.ParentID())
			continue
		}
		if kind, _ := sp.Tag("span.kind"); kind == "server" {
			servers[service(sp)] = true
			if want, have := caller[service(sp)], service(parent); want != have {
				t.Errorf("%s's SERVER span: parent from %s, want %s", service(sp), have, want)
			}
		}
	}
	if roots != 1 || len(servers) != 4 {
		t.Errorf("want one root and SERVER spans of four services, have %d roots, servers %v", roots, servers)
	}
}

// TestShopWithChildServerSpansDrawsJaegersGraph: with zipkin-go's shared
// spans off in the services, Jaeger's /api/dependencies after an H call
// holds exactly the shop's edges between services.
func TestShopWithChildServerSpansDrawsJaegersGraph(t *testing.T) {
	jaegertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	m := jaegerModel(t, tracing.SamplerAlways)
	rep, err := m.common.Session.ShopReporting()
	if err != nil {
		t.Fatal(err)
	}
	if m.shop.Running, err = shop.StartWith(shop.Options{Reporting: rep, ChildServerSpans: true}); err != nil {
		t.Fatal(err)
	}
	m.shop.ReportingTo = desk.ReportingKey(rep)
	m, res := callGateway(t, m)
	if res.Status != 200 {
		t.Fatalf("gateway answered %d", res.Status)
	}
	tid := m.tree.Selected().Context.TraceID
	m, _ = press(t, m, "f")
	m = settle(t, m, component.StartFlush(ctx, m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	m.shop.Stop()
	tr, err := jaegertest.WaitTrace(ctx, tid.String(), 8)
	if err != nil {
		t.Fatal(err)
	}
	checkShopParents(t, tr)
	links, err := verify.NewJaegerQuery(mustQueryURL(t), verify.QueryOptions{}).Dependencies(ctx, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]int64{{"playground", "gateway"}: 1, {"gateway", "checkout"}: 1, {"checkout", "inventory"}: 1, {"checkout", "payments"}: 1}
	have := map[[2]string]int64{}
	for _, l := range links {
		// Jaeger also links a service to itself for each span whose parent is
		// in the same service (a CLIENT under its SERVER): not a call.
		if l.Parent != l.Child {
			have[[2]string{l.Parent, l.Child}] = l.CallCount
		}
	}
	if !reflect.DeepEqual(want, have) {
		t.Errorf("Jaeger's /api/dependencies: want %v, have %v", want, have)
	}
}
