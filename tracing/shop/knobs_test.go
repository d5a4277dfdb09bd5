package shop_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"

	"zipkin-playground/tracing/shop"
)

func TestSetErrorRateMakesAServiceFailAndKeepsItsCalls(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	if err := rg.shop.SetErrorRate("checkout", 1); err != nil {
		t.Fatal(err)
	}
	sp := clientSpan(t, zipkin.AlwaysSample)
	res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(sp.Context()))
	if res.Status != http.StatusBadGateway {
		t.Fatalf("checkout fails: the gateway should answer 502, has %d (%+v)", res.Status, res.Answer)
	}
	if err := rg.shop.SetErrorRate("checkout", 0); err != nil {
		t.Fatal(err)
	}
	healed := clientSpan(t, zipkin.AlwaysSample)
	if res := rg.shop.Call(context.Background(), gatewayRoute(t, rg.shop), shop.InjectB3(healed.Context())); res.Status != http.StatusOK {
		t.Errorf("checkout healed: the gateway should answer 200, has %d", res.Status)
	}
	rg.shop.Stop()
	got := byService(rg.recv.Trace(sp.Context().TraceID))
	if got["checkout SERVER"].Tags["error"] != "500" {
		t.Errorf("checkout's SERVER span should carry error=500: %v", got["checkout SERVER"].Tags)
	}
	for _, key := range []string{"inventory SERVER", "payments SERVER"} {
		if _, ok := got[key]; !ok {
			t.Errorf("a failing checkout still calls downstream first: %s missing (have %v)", key, keys(got))
		}
	}
}

func TestSetErrorRateRefusesBadInput(t *testing.T) {
	t.Parallel()
	rg := startRig(t)
	if err := rg.shop.SetErrorRate("billing", 1); !errors.Is(err, shop.ErrUnknownService) {
		t.Errorf("an unknown service: want ErrUnknownService, have %v", err)
	}
	if err := rg.shop.SetErrorRate("payments", 1.5); err == nil {
		t.Error("a rate over 1 should be refused")
	}
}
