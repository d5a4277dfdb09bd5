package shop_test

import (
	"context"
	"strings"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/shop"
)

func TestARefusedReportIsAProblemNotSilence(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	// The receiver answers 404 off its collector path.
	sh, err := shop.Start(shop.Reporting{URL: "http://" + recv.Addr() + "/wrong/path"})
	if err != nil {
		t.Fatal(err)
	}
	sp := clientSpan(t, zipkin.AlwaysSample)
	sh.Call(context.Background(), gatewayRoute(t, sh), shop.InjectB3(sp.Context()))
	sh.Stop()
	problems := strings.Join(sh.ReportProblems(), "\n")
	if !strings.Contains(problems, "404") {
		t.Errorf("want the reporters' 404 among the problems, have %q", problems)
	}
}

func TestSetReportingMovesTheServicesToTheNewEndpoint(t *testing.T) {
	t.Parallel()
	first, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	sh, err := shop.Start(shop.Reporting{URL: first.URL()})
	if err != nil {
		t.Fatal(err)
	}
	sh.SetReporting(shop.Reporting{URL: second.URL()})
	sp := clientSpan(t, zipkin.AlwaysSample)
	sh.Call(context.Background(), gatewayRoute(t, sh), shop.InjectB3(sp.Context()))
	sh.Stop()
	if n := len(first.Trace(sp.Context().TraceID)); n != 0 {
		t.Errorf("the old endpoint got %d spans", n)
	}
	if n := len(second.Trace(sp.Context().TraceID)); n < 6 {
		t.Errorf("the new endpoint got %d spans, want 6", n)
	}
}
