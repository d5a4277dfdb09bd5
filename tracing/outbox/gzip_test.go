package outbox

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// TestGzipBodies: with Gzip the outbox sends Content-Encoding: gzip bodies,
// much smaller than the JSON, and the embedded receiver (which reads gzip as
// Zipkin does) stores every span.
func TestGzipBodies(t *testing.T) {
	t.Parallel()
	var gzipped atomic.Int32
	rcv, err := receiver.Start("127.0.0.1:0", receiver.OnSpans(func([]model.SpanModel) {}))
	if err != nil {
		t.Fatal(err)
	}
	defer rcv.Close()
	// A proxy in front of the receiver notes the header of every POST.
	front := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.Header.Get("Content-Encoding") == "gzip" {
			gzipped.Add(1)
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	ep, _ := secret.ParseEndpoint(rcv.URL())
	spans := testkit.BurstSpans(20, 10)
	sizes := map[bool]int{}
	for _, gz := range []bool{false, true} {
		o := New(Options{Gzip: gz, Batch: 200, Client: front})
		o.SetEndpoint(ep, secret.NewMasker(ep, nil))
		for _, s := range spans {
			o.Send(s)
		}
		sum := o.Flush(context.Background(), func(r DeliveryResult) { sizes[gz] += r.Bytes })
		if sum.Delivered != len(spans) {
			t.Fatalf("gzip %v: %+v", gz, sum)
		}
	}
	if gzipped.Load() != 1 || rcv.Stats().Spans != 2*len(spans) || sizes[true]*4 > sizes[false] {
		t.Errorf("%d gzipped POSTs, %d spans stored, %d bytes gzipped vs %d plain", gzipped.Load(), rcv.Stats().Spans, sizes[true], sizes[false])
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
