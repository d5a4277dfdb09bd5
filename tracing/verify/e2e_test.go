//go:build e2e

package verify

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// TestVerifyAgainstJaeger sends the demo's shape (CLIENT → shared SERVER, an
// error) and examples/checkout.json to a real Jaeger v2 in JSON and proto,
// with 64- and 128-bit trace IDs, and reads every trace back from its query
// API: each is changed (never missing), every difference explained, Jaeger's
// shared-span re-ID and error rewrite among them.
func TestVerifyAgainstJaeger(t *testing.T) {
	jaegertest.Start(t)
	checkout, err := tracing.LoadScenario(filepath.Join("..", "..", "examples", "checkout.json"))
	testkit.Must(t, err)
	for _, enc := range []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto, outbox.EncodingV1} {
		for _, wide := range []bool{false, true} {
			name := string(enc) + map[bool]string{false: "-64", true: "-128"}[wide]
			url := jaegertest.ZipkinURL
			if enc == outbox.EncodingV1 {
				if wide {
					continue // v1 has no 128-bit trace IDs worth a run of their own
				}
				url = strings.Replace(url, "/api/v2/", "/api/v1/", 1)
			}
			t.Run(name, func(t *testing.T) {
				s := sessiontest.To(t, url, func(c *tracing.Config) {
					c.Encoding, c.TraceID128 = enc, wide
					c.Service = "verify-" + name
					c.Query = jaegertest.QueryURL
				})
				demoTrace(t, s, "Checkout")
				_, err := s.Replay(checkout)
				testkit.Must(t, err)
				_, sum := sessiontest.FlushAll(s)
				sent := DeliveredSpans(s)
				if sum.Failed != 0 || len(sent) != sum.Delivered {
					t.Fatalf("flush: %+v, %d delivered spans", sum, len(sent))
				}
				api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
				testkit.Must(t, err)
				rep := NewVerifier(api, Options{Encoding: enc}).Verify(context.Background(), sent)
				checkJaegerReport(t, rep, enc)
			})
		}
	}
}

func checkJaegerReport(t *testing.T, rep Report, enc outbox.Encoding) {
	t.Helper()
	if rep.Kind != QueryKindJaeger || len(rep.Traces) < 2 {
		t.Fatalf("report: kind %s, %d traces", rep.Kind, len(rep.Traces))
	}
	seen := map[string]bool{}
	for _, tr := range rep.Traces {
		t.Logf("%s: %s", tr.TraceID, tr.Summary(rep.Timeout))
		if tr.State == StateMissing {
			t.Errorf("trace %s missing: %s", tr.TraceID, tr.Summary(rep.Timeout))
		}
		for _, d := range tr.Differences {
			t.Logf("  %s %s: sent %q, stored %q — %s", d.SpanID, d.Field, d.Sent, d.Stored, d.Why)
			if d.Rewrite == "" {
				t.Errorf("unexplained difference: %+v", d)
			}
			seen[d.Rewrite] = true
		}
	}
	want := map[outbox.Encoding][]string{
		outbox.EncodingJSON:  {"jaeger-shared-span-id", "jaeger-shared-span-parent", "otel-error-status", "otel-status-code", "json-lowercase"},
		outbox.EncodingProto: {"jaeger-shared-span-id", "jaeger-shared-span-parent", "otel-error-status", "otel-status-code"},
		outbox.EncodingV1:    {"v1-merged-shared", "jaeger-v1-error", "otel-status-code", "jaeger-v1-remote-endpoint"},
	}[enc]
	for _, r := range want {
		if !seen[r] {
			t.Errorf("rewrite %s not seen; seen %v", r, seen)
		}
	}
}

// TestVerifyAgainstJaegerMissing: a collector that answers 202 and drops
// everything — Jaeger's query API never has the trace, so it is missing; and
// the endpoint's own origin (Jaeger's Zipkin receiver) is no query API, with
// a hint naming port 16686.
func TestVerifyAgainstJaegerMissing(t *testing.T) {
	jaegertest.Start(t)
	drop := httptest.NewServer(&zipkinLike{drop: true})
	defer drop.Close()
	s := sessiontest.To(t, drop.URL+secret.V2Path, func(c *tracing.Config) { c.Query = jaegertest.QueryURL })
	demoTrace(t, s, "checkout")
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 4 {
		t.Fatalf("flush: %+v", sum)
	}
	api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
	testkit.Must(t, err)
	rep := NewVerifier(api, Options{Timeout: 2 * time.Second}).Verify(context.Background(), DeliveredSpans(s))
	if rep.Missing() != 1 || rep.Traces[0].Found != 0 {
		t.Fatalf("want the trace missing, have %+v", rep.Traces)
	}
	t.Log(rep.Traces[0].Summary(rep.Timeout))

	origin := sessiontest.To(t, jaegertest.ZipkinURL)
	_, err = QueryAPIFor(context.Background(), origin.Config(), origin.Endpoint(), QueryOptions{})
	if !errors.Is(err, errNoQueryAPI) || !strings.Contains(err.Error(), "(Jaeger: http://127.0.0.1:16686)") {
		t.Errorf("query API at Jaeger's Zipkin receiver: %v", err)
	}
}

// BenchmarkVerifyAgainstJaeger: one 4-span trace sent to Jaeger, then read
// back. flush-ms is `send` alone, verify-ms what --verify adds (Jaeger's
// storage lag plus the GETs), polls the GETs it took.
func BenchmarkVerifyAgainstJaeger(b *testing.B) {
	jaegertest.Start(b)
	s := sessiontest.To(b, jaegertest.ZipkinURL, func(c *tracing.Config) { c.Query = jaegertest.QueryURL })
	api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
	if err != nil {
		b.Fatal(err)
	}
	v := NewVerifier(api, Options{})
	var flush, verify time.Duration
	polls := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sent := demoTrace(b, s, "checkout")
		began := time.Now()
		if _, sum := sessiontest.FlushAll(s); sum.Delivered != len(sent) {
			b.Fatalf("flush: %+v", sum)
		}
		flush += time.Since(began)
		rep := v.Verify(context.Background(), sent)
		if rep.Missing() != 0 {
			b.Fatalf("missing: %s", rep.Traces[0].Summary(rep.Timeout))
		}
		verify += rep.Elapsed
		polls += rep.Traces[0].Polls
	}
	b.ReportMetric(float64(flush.Microseconds())/1000/float64(b.N), "flush-ms/op")
	b.ReportMetric(float64(verify.Microseconds())/1000/float64(b.N), "verify-ms/op")
	b.ReportMetric(float64(polls)/float64(b.N), "polls/op")
}
