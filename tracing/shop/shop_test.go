package shop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/openzipkin/zipkin-go/reporter"

	b3view "zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/shop"
)

// rig is an embedded receiver with a shop reporting to it.
type rig struct {
	recv *receiver.Receiver
	shop *shop.Shop
}

func startRig(t *testing.T, specs ...shop.Spec) *rig {
	t.Helper()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = recv.Close() })
	sh, err := shop.Start(shop.Reporting{URL: recv.URL()}, specs...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.Stop)
	return &rig{recv: recv, shop: sh}
}

// clientSpan is a playground-like CLIENT span from a real zipkin-go tracer.
func clientSpan(t *testing.T, sampler zipkin.Sampler, opts ...zipkin.SpanOption) zipkin.Span {
	t.Helper()
	tr, err := zipkin.NewTracer(reporter.NewNoopReporter(), zipkin.WithSampler(sampler))
	if err != nil {
		t.Fatal(err)
	}
	sp := tr.StartSpan("buy", append([]zipkin.SpanOption{zipkin.Kind(model.Client)}, opts...)...)
	t.Cleanup(sp.Finish)
	return sp
}

func gatewayRoute(t *testing.T, sh *shop.Shop) shop.Route {
	t.Helper()
	for _, r := range sh.Routes() {
		if r.Service == "gateway" {
			return r
		}
	}
	t.Fatal("no gateway route")
	return shop.Route{}
}

// byService indexes a trace's spans by service and kind.
func byService(spans []model.SpanModel) map[string]model.SpanModel {
	out := map[string]model.SpanModel{}
	for _, s := range spans {
		if s.LocalEndpoint != nil {
			out[s.LocalEndpoint.ServiceName+" "+string(s.Kind)] = s
		}
	}
	return out
}

func TestOneTraceAcrossFourServicesJoinsTheCallersSpan(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	sp := clientSpan(t, zipkin.AlwaysSample)
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context()))
	if res.Err != nil || res.Status != http.StatusOK {
		t.Fatalf("call: status %d, err %v", res.Status, res.Err)
	}
	rg.shop.Stop() // flushes every service's reporter
	spans := rg.recv.Trace(sp.Context().TraceID)
	got := byService(spans)
	for _, want := range []string{"gateway SERVER", "gateway CLIENT", "checkout SERVER", "checkout CLIENT",
		"inventory SERVER", "payments SERVER"} {
		if _, ok := got[want]; !ok {
			t.Errorf("no %s span in the trace; got %d spans: %v", want, len(spans), keys(got))
		}
	}
	gw := got["gateway SERVER"]
	if want, have := sp.Context().ID, gw.ID; want != have || !gw.Shared {
		t.Errorf("gateway SERVER: want the caller's span ID %s shared, have %s shared=%v", want, have, gw.Shared)
	}
	// Each downstream SERVER shares the ID of the CLIENT span that called it,
	// and that CLIENT span is a child of its service's SERVER span.
	co, gc := got["checkout SERVER"], got["gateway CLIENT"]
	if co.ID != gc.ID || !co.Shared || gc.ParentID == nil || *gc.ParentID != gw.ID {
		t.Errorf("checkout SERVER %s (shared %v) should share gateway's CLIENT %s whose parent is %s", co.ID, co.Shared, gc.ID, gw.ID)
	}
	if rs := gc.RemoteEndpoint; rs == nil || rs.ServiceName != "checkout" {
		t.Errorf("gateway's CLIENT span should name checkout as its remote service, has %+v", rs)
	}
}

func keys(m map[string]model.SpanModel) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTheServiceReceivesTheHeadersTheB3PaneShows(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	sp := clientSpan(t, zipkin.AlwaysSample)
	formats := []struct {
		view b3view.Format
		opts []b3.InjectOption
	}{
		{b3view.Multi, nil},
		{b3view.Single, []b3.InjectOption{b3.WithSingleHeaderOnly()}},
		{b3view.Both, []b3.InjectOption{b3.WithSingleAndMultiHeader()}},
	}
	for _, f := range formats {
		res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context(), f.opts...))
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		pane, err := b3view.Headers(sp.Context(), f.view)
		if err != nil {
			t.Fatal(err)
		}
		captured := rg.shop.Captured("gateway")
		received := captured[len(captured)-1].Header
		if want, have := render(paneLines(pane)), render(received); !strings.EqualFold(want, have) {
			t.Errorf("%v: the service received\n%s\nthe B3 pane shows\n%s", f.view, have, want)
		}
		if want, have := render(received), render(res.Answer.Received); want != have {
			t.Errorf("%v: the answer reports\n%s\nthe capture holds\n%s", f.view, have, want)
		}
	}
}

func paneLines(pane []b3view.HeaderLine) []shop.HeaderLine {
	out := make([]shop.HeaderLine, 0, len(pane))
	for _, h := range pane {
		out = append(out, shop.HeaderLine{Name: h.Name, Value: h.Value})
	}
	return out
}

func render(hs []shop.HeaderLine) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Name + ": " + h.Value + "\n")
	}
	return b.String()
}

func TestChildServerSpansGiveEachServerItsOwnID(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	sh, err := shop.StartWith(shop.Options{Reporting: shop.Reporting{URL: recv.URL()}, ChildServerSpans: true})
	if err != nil {
		t.Fatal(err)
	}
	sp := clientSpan(t, zipkin.AlwaysSample)
	sh.Call(context.Background(), gatewayRoute(t, sh), shop.InjectB3(sp.Context()))
	sh.Stop()
	got := byService(recv.Trace(sp.Context().TraceID))
	gw := got["gateway SERVER"]
	if gw.Shared || gw.ID == sp.Context().ID || gw.ParentID == nil || *gw.ParentID != sp.Context().ID {
		t.Errorf("gateway SERVER: want a child of %s with an ID of its own, have id %s parent %v shared %v", sp.Context().ID, gw.ID, gw.ParentID, gw.Shared)
	}
	co, gc := got["checkout SERVER"], got["gateway CLIENT"]
	if co.Shared || co.ParentID == nil || *co.ParentID != gc.ID {
		t.Errorf("checkout SERVER should be a child of gateway's CLIENT %s, has parent %v", gc.ID, co.ParentID)
	}
}
