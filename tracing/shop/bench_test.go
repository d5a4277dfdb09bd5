package shop_test

import (
	"context"
	"testing"

	"zipkin-playground/tracing/shop"
)

// BenchmarkStartStop is what the first H (or --shop) costs: four listeners,
// tracers and reporters, then a stop.
func BenchmarkStartStop(b *testing.B) {
	for b.Loop() {
		sh, err := shop.Start(shop.Reporting{})
		if err != nil {
			b.Fatal(err)
		}
		sh.Stop()
	}
}

// BenchmarkCallGateway is one H call through the four services, reporting
// nothing.
func BenchmarkCallGateway(b *testing.B) {
	specs := shop.DefaultSpecs()
	for i := range specs {
		specs[i].Knobs.Latency = 0
	}
	sh, err := shop.Start(shop.Reporting{}, specs...)
	if err != nil {
		b.Fatal(err)
	}
	defer sh.Stop()
	route := sh.Routes()[0]
	for b.Loop() {
		if res := sh.Call(context.Background(), route, nil); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
