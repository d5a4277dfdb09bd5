package shop_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"
	zipkinhttp "github.com/openzipkin/zipkin-go/middleware/http"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter/recorder"

	"zipkin-playground/tracing/shop"
)

// clientSpanTags calls route through zipkin-go's own client transport and
// returns the tags it put on its CLIENT span.
func clientSpanTags(t *testing.T, sh *shop.Shop, route shop.Route) map[string]string {
	t.Helper()
	rec := recorder.NewReporter()
	tr, err := zipkin.NewTracer(rec)
	if err != nil {
		t.Fatal(err)
	}
	client, err := zipkinhttp.NewClient(tr)
	if err != nil {
		t.Fatal(err)
	}
	url := ""
	for _, s := range sh.Services() {
		if s.Route == route {
			url = s.URL
		}
	}
	req, _ := http.NewRequest(route.Method, url, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	spans := rec.Flush()
	if len(spans) != 1 || spans[0].Kind != model.Client {
		t.Fatalf("want one CLIENT span, have %+v", spans)
	}
	return spans[0].Tags
}

func tagMap(tags []shop.Tag) map[string]string {
	out := map[string]string{}
	for _, tg := range tags {
		out[tg.Key] = tg.Value
	}
	return out
}

func TestClientTagsAreWhatZipkinGosTransportSets(t *testing.T) {
	t.Parallel()
	specs := shop.DefaultSpecs()
	specs[3].Knobs.ErrorRate = 1 // payments answers 500
	rg := startRig(t, specs...)
	for _, r := range []shop.Route{rg.shop.Routes()[2], rg.shop.Routes()[3]} {
		res := rg.shop.Call(context.Background(), r, nil)
		have := tagMap(shop.ClientTags(r.Method, r.Path, res.Status, res.ContentLength, res.Err))
		want := clientSpanTags(t, rg.shop, r)
		// The answers differ in size: they echo the B3 headers each request had.
		if _, ok := have["http.response.size"]; !ok {
			t.Errorf("%s: no http.response.size", r.Service)
		}
		delete(want, "http.response.size")
		delete(have, "http.response.size")
		if !reflect.DeepEqual(want, have) {
			t.Errorf("%s: zipkin-go's transport sets %v, ClientTags %v", r.Service, want, have)
		}
	}
}

func TestClientTagsOfACallThatGotNoAnswer(t *testing.T) {
	t.Parallel()
	have := tagMap(shop.ClientTags("GET", "/order", 0, 0, errors.New("connection refused")))
	want := map[string]string{"http.method": "GET", "http.path": "/order", "error": "connection refused"}
	if !reflect.DeepEqual(want, have) {
		t.Errorf("want %v, have %v", want, have)
	}
}
