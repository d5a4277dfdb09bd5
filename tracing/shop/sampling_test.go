package shop_test

import (
	"context"
	"net/http"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/shop"
)

func headerValue(hs []shop.HeaderLine, name string) string {
	for _, h := range hs {
		if h.Name == name {
			return h.Value
		}
	}
	return ""
}

func TestSampledNeverCarriesTheDecisionDownAndReportsNothing(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	sp := clientSpan(t, zipkin.NeverSample)
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context()))
	if res.Err != nil || res.Status != http.StatusOK {
		t.Fatalf("call: status %d, err %v", res.Status, res.Err)
	}
	for _, svc := range []string{"gateway", "checkout", "inventory", "payments"} {
		c := rg.shop.Captured(svc)
		if len(c) != 1 || headerValue(c[0].Header, "X-B3-Sampled") != "0" {
			t.Errorf("%s should have received one request with X-B3-Sampled: 0, got %+v", svc, c)
		}
	}
	rg.shop.Stop()
	if st := rg.recv.Stats(); st.Spans != 0 {
		t.Errorf("the services reported %d spans of an unsampled trace", st.Spans)
	}
}

func TestDebugTravelsToEveryServiceAndIsReported(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	sp := clientSpan(t, zipkin.NeverSample, zipkin.Parent(model.SpanContext{
		TraceID: model.TraceID{Low: 0xfeed}, ID: 0xbeef, Debug: true}))
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context()))
	if res.Err != nil || headerValue(res.Sent, "X-B3-Flags") != "1" {
		t.Fatalf("the request should carry X-B3-Flags: 1; sent %+v, err %v", res.Sent, res.Err)
	}
	if c := rg.shop.Captured("payments"); len(c) != 1 || headerValue(c[0].Header, "X-B3-Flags") != "1" {
		t.Errorf("payments should have received X-B3-Flags: 1, got %+v", c)
	}
	rg.shop.Stop()
	spans := rg.recv.Trace(sp.Context().TraceID)
	if len(spans) < 6 {
		t.Fatalf("a debug trace is reported whatever the sampler: got %d spans", len(spans))
	}
	for _, s := range spans {
		if !s.Debug {
			t.Errorf("%s %s: debug lost", s.LocalEndpoint.ServiceName, s.Kind)
		}
	}
}

func TestAFailingPaymentsTravelsUpAsErrors(t *testing.T) {
	t.Parallel()
	specs := shop.DefaultSpecs()
	for i := range specs {
		if specs[i].Name == "payments" {
			specs[i].Knobs.ErrorRate = 1
		}
	}
	rg := startRig(t, specs...)
	sp := clientSpan(t, zipkin.AlwaysSample)
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context()))
	if want, have := http.StatusBadGateway, res.Status; want != have {
		t.Fatalf("gateway: want %d, have %d (%+v)", want, have, res.Answer)
	}
	rg.shop.Stop()
	got := byService(rg.recv.Trace(sp.Context().TraceID))
	for key, want := range map[string]string{"payments SERVER": "500", "checkout CLIENT": "500", "checkout SERVER": "502", "gateway SERVER": "502", "inventory SERVER": ""} {
		if have := got[key].Tags["error"]; have != want {
			t.Errorf("%s: want error tag %q, have %q", key, want, have)
		}
	}
}

func TestEachServiceAnswersItsRouteAndStartsATraceWithoutB3(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	for _, r := range rg.shop.Routes() {
		res := rg.shop.Call(context.Background(), r, nil)
		if res.Err != nil || res.Status != http.StatusOK || res.Answer.Service != r.Service {
			t.Errorf("%s %s: status %d, answer %+v, err %v", r.Method, r.Path, res.Status, res.Answer, res.Err)
		}
	}
	rg.shop.Stop()
	roots := map[string]bool{}
	for _, tr := range rg.recv.Traces() {
		for _, s := range tr.Spans {
			if s.ParentID == nil && s.Kind == model.Server {
				roots[s.LocalEndpoint.ServiceName] = true
			}
		}
	}
	for _, r := range rg.shop.Routes() {
		if !roots[r.Service] {
			t.Errorf("%s: no root SERVER span reported for a request without B3", r.Service)
		}
	}
}

func TestKnobsChangeWhatAServiceCalls(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	if err := rg.shop.SetKnobs("checkout", shop.Knobs{Calls: []string{"payments"}}); err != nil {
		t.Fatal(err)
	}
	if err := rg.shop.SetKnobs("checkout", shop.Knobs{Calls: []string{"gateway"}}); err == nil {
		t.Error("checkout was not wired to call gateway; SetKnobs should refuse")
	}
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), nil)
	if res.Err != nil || res.Status != http.StatusOK {
		t.Fatalf("call: %d %v", res.Status, res.Err)
	}
	if n := len(rg.shop.Captured("inventory")); n != 0 {
		t.Errorf("inventory was taken out of checkout's calls but received %d requests", n)
	}
	if n := len(rg.shop.Captured("payments")); n != 1 {
		t.Errorf("payments: want 1 request, have %d", n)
	}
}
