package outbox

import (
	"testing"
	"time"
	"zipkin-playground/tracing/testkit"
)

// BenchmarkEncodeBatch is the cost of serializing one 100-span batch: clean,
// and with one span no Zipkin accepts (found by the pre-check, so the batch
// is split without re-serializing span by span).
func BenchmarkEncodeBatch(b *testing.B) {
	spans := testkit.BurstSpans(10, 10)
	t := deliveryTarget{codec: EncodingJSON.Codec()}
	entries := func(poison bool) []*outboxEntry {
		out := make([]*outboxEntry, len(spans))
		for i := range spans {
			out[i] = &outboxEntry{key: KeyOf(spans[i]), span: spans[i]}
		}
		if poison {
			out[50].span.Timestamp = time.Unix(0, 0).Add(-time.Hour)
			out[50].span.Duration = 1800 * time.Hour
		}
		return out
	}
	for _, c := range []struct {
		name   string
		poison bool
	}{{"clean", false}, {"one-poison", true}} {
		batch := entries(c.poison)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, good, bad, err := t.encode(batch)
				if err != nil || len(good)+len(bad) != len(batch) || (len(bad) == 1) != c.poison {
					b.Fatalf("good %d bad %d: %v", len(good), len(bad), err)
				}
			}
		})
	}
}
