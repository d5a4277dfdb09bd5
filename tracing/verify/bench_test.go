package verify

import (
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// BenchmarkCompareTrace compares one trace of 10,000 spans with its stored
// copy: matching is indexed by span and parent ID, so it stays linear.
func BenchmarkCompareTrace(b *testing.B) {
	const n = 10000
	sent := make([]model.SpanModel, n)
	for i := range sent {
		sent[i] = span(uint64(i+1), uint64(i/2), "op", func(s *model.SpanModel) { s.Tags = map[string]string{"i": itoa(i)} })
	}
	stored := append([]model.SpanModel(nil), sent...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rep := compareTrace(sent, stored, QueryKindZipkin, outbox.EncodingJSON); rep.State != StateVerified {
			b.Fatalf("state %s", rep.State)
		}
	}
}
