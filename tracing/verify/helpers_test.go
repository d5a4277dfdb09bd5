package verify

import (
	"context"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// sessionTo and flushAll are copies of the tracing tests' helpers: a package's
// tests cannot share another package's test files.
func sessionTo(t testing.TB, url string, mutate ...func(*tracing.Config)) *tracing.Session {
	cfg := tracing.DefaultConfig()
	cfg.Endpoint = url
	cfg.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerAlways}
	cfg.Listen = "127.0.0.1:0"
	for _, m := range mutate {
		m(&cfg)
	}
	s, err := tracing.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func flushAll(s *tracing.Session) ([]outbox.DeliveryResult, outbox.FlushSummary) {
	var results []outbox.DeliveryResult
	sum := s.Outbox().Flush(context.Background(), func(r outbox.DeliveryResult) { results = append(results, r) })
	return results, sum
}
