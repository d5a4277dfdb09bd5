//go:build e2e

package ui

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/verify"
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
// service that called it; its /api/dependencies has the shop's edges; a
// call under sampler never stores nothing from the shop.
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
	m, _ = press(t, m, "f")
	m = settle(t, m, startFlush(ctx, m.session.Outbox(), 0))
	m.stopShop()
	if p := m.shop.running.ReportProblems(); len(p) > 0 {
		t.Fatalf("the services' reporters failed: %v", p)
	}
	tr, err := jaegertest.WaitTrace(ctx, tid.String(), 8)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		b, _ := json.MarshalIndent(tr, "", " ")
		t.Logf("%s", b)
	}
	checkShopParents(t, tr)
	links, err := verify.NewJaegerQuery(mustQueryURL(t), verify.QueryOptions{}).Dependencies(ctx, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// Jaeger links services from the spans as stored, before its query side
	// gives each shared SERVER span an ID of its own: a CLIENT span below a
	// shared span then counts as a child of the caller's caller (measured on
	// Jaeger v2: playground → checkout, gateway → inventory and payments).
	// The first two hops and a link into every service are what it gets right.
	t.Logf("Jaeger's dependencies: %+v", links)
	edges, children := map[[2]string]bool{}, map[string]bool{}
	for _, l := range links {
		edges[[2]string{l.Parent, l.Child}] = true
		children[l.Child] = true
	}
	for _, want := range [][2]string{{"playground", "gateway"}, {"gateway", "checkout"}} {
		if !edges[want] {
			t.Errorf("Jaeger's /api/dependencies lacks %s → %s: %+v", want[0], want[1], links)
		}
	}
	for _, svc := range []string{"gateway", "checkout", "inventory", "payments"} {
		if !children[svc] {
			t.Errorf("Jaeger's /api/dependencies has no link into %s: %+v", svc, links)
		}
	}

	never := jaegerModel(t, tracing.SamplerNever)
	never, res = callGateway(t, never)
	if res.Status != 200 || headerValue(res.Answer.Received, "X-B3-Sampled") != "0" {
		t.Fatalf("unsampled call: status %d, received %+v", res.Status, res.Answer.Received)
	}
	unsampled := never.tree.Selected().Context.TraceID
	never.stopShop() // flushes whatever the services would have reported
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
