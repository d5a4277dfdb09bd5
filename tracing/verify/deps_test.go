package verify

import (
	"context"
	"testing"
	"time"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/shop"
)

func TestTheReceiversServiceGraphHoldsTheShopsEdges(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	specs := shop.DefaultSpecs()
	specs[3].Knobs.ErrorRate = 1 // payments fails
	sh, err := shop.Start(shop.Reporting{URL: recv.URL()}, specs...)
	if err != nil {
		t.Fatal(err)
	}
	sh.Call(context.Background(), sh.Routes()[0], nil)
	sh.Call(context.Background(), sh.Routes()[0], nil)
	sh.Stop()
	q := newZipkinQuery(defaultQueryURL(recv.Endpoint()), QueryOptions{})
	links, err := q.Dependencies(context.Background(), time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]string][2]int64{
		{"gateway", "checkout"}:   {2, 2},
		{"checkout", "inventory"}: {2, 0},
		{"checkout", "payments"}:  {2, 2},
	}
	if len(links) != len(want) {
		t.Errorf("want %d links, have %+v", len(want), links)
	}
	for _, l := range links {
		if w, ok := want[[2]string{l.Parent, l.Child}]; !ok || w != [2]int64{l.CallCount, l.ErrorCount} {
			t.Errorf("%s→%s: calls %d errors %d, want %v", l.Parent, l.Child, l.CallCount, l.ErrorCount, w)
		}
	}
}
