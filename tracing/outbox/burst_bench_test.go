package outbox

import (
	"context"
	"io"
	"log"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
	zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// BenchmarkOutboxBurst flushes 100,000 spans to the embedded receiver through
// the Outbox and, for comparison, through zipkin-go's reporter/http with its
// defaults and with MaxBacklog raised. It reports delivered spans/s (what the
// receiver got, over the wall time) and spans lost: a reporter that drops
// spans is not faster for it. .ci/perf is the side-by-side comparison on a
// sink without a body limit.
func BenchmarkOutboxBurst(b *testing.B) {
	spans := testkit.BurstSpans(10_000, 10)
	run := func(b *testing.B, send func(url string, spans []model.SpanModel)) {
		var lost, total float64
		var elapsed time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			rcv, err := receiver.Start("127.0.0.1:0", receiver.MaxTraces(100))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t0 := time.Now()
			send(rcv.URL(), spans)
			elapsed += time.Since(t0)
			b.StopTimer()
			got := rcv.Stats().Spans
			rcv.Close()
			lost += float64(len(spans) - got)
			total += float64(len(spans))
			b.StartTimer()
		}
		b.ReportMetric((total-lost)/elapsed.Seconds(), "delivered-spans/s")
		b.ReportMetric(lost/float64(b.N), "lost/op")
	}
	b.Run("outbox", func(b *testing.B) {
		run(b, func(url string, spans []model.SpanModel) {
			ep, _ := secret.ParseEndpoint(url)
			o := New(Options{Encoding: EncodingJSON, Timeout: 5 * time.Second, Batch: 100})
			o.SetEndpoint(ep, secret.NewMasker(ep, nil))
			for _, s := range spans {
				o.Send(s)
			}
			o.Flush(context.Background(), nil)
			o.Close()
		})
	})
	// stream is a burst's path: Forget mode, a Stream delivering while the
	// spans are queued, 500-span batches.
	b.Run("stream", func(b *testing.B) {
		run(b, func(url string, spans []model.SpanModel) {
			ep, _ := secret.ParseEndpoint(url)
			o := New(Options{Encoding: EncodingJSON, Timeout: 5 * time.Second, Batch: 500, Forget: true})
			o.SetEndpoint(ep, secret.NewMasker(ep, nil))
			st := o.Stream(context.Background(), StreamOptions{})
			for _, s := range spans {
				o.Send(s)
			}
			_ = st.Close()
			o.Close()
		})
	})
	zipkinGo := func(opts ...zipkinhttp.ReporterOption) func(string, []model.SpanModel) {
		return func(url string, spans []model.SpanModel) {
			opts = append(opts, zipkinhttp.Logger(log.New(io.Discard, "", 0)))
			r := zipkinhttp.NewReporter(url, opts...)
			for _, s := range spans {
				r.Send(s)
			}
			r.Close() // flushes what is still queued
		}
	}
	b.Run("zipkin-go-defaults", func(b *testing.B) { run(b, zipkinGo()) })
	b.Run("zipkin-go-backlog", func(b *testing.B) {
		run(b, zipkinGo(zipkinhttp.MaxBacklog(len(spans))))
	})
	b.Run("json-serializer-only", func(b *testing.B) {
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			for j := 0; j < len(spans); j += 100 {
				if _, err := (reporter.JSONSerializer{}).Serialize(testkit.Ptrs(spans[j : j+100])); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(spans))/time.Since(t0).Seconds(), "spans/s")
	})
}
