package shop_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	zipkin "github.com/openzipkin/zipkin-go"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/shop"
)

func TestGzipReportingSendsGzippedBodiesTheReceiverReads(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	target, err := url.Parse("http://" + recv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var encodings []string
	proxy := httputil.NewSingleHostReverseProxy(target) // the body goes on as it came
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		encodings = append(encodings, r.Header.Get("Content-Encoding"))
		mu.Unlock()
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()
	sh, err := shop.Start(shop.Reporting{URL: front.URL + "/api/v2/spans", Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	sp := clientSpan(t, zipkin.AlwaysSample)
	sh.Call(context.Background(), gatewayRoute(t, sh), shop.InjectB3(sp.Context()))
	sh.Stop()
	if n := len(recv.Trace(sp.Context().TraceID)); n < 7 {
		t.Errorf("the receiver should read the services' 7 gzipped spans, has %d (problems %v)", n, sh.ReportProblems())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(encodings) == 0 {
		t.Fatal("no POST reached the endpoint")
	}
	for _, e := range encodings {
		if e != "gzip" {
			t.Errorf("every POST should say Content-Encoding: gzip, one said %q", e)
		}
	}
}
