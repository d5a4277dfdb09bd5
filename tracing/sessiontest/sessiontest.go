// Package sessiontest sets up tracing sessions for the tests of every package
// that drives one (tracing's own external tests, verify, the UI, the command
// line, the examples): a session on a free port, every trace sampled, closed
// when the test ends; finished spans to send; one flush with its results.
package sessiontest

import (
	"context"
	"fmt"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// Open is a session on cfg as it is, closed when t ends.
func Open(t testing.TB, cfg tracing.Config) *tracing.Session {
	t.Helper()
	s, err := tracing.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// New is a session on the default configuration with the embedded receiver
// (when used) on a free loopback port and every trace sampled; mutate then
// changes the configuration.
func New(t testing.TB, mutate ...func(*tracing.Config)) *tracing.Session {
	t.Helper()
	cfg := tracing.DefaultConfig()
	cfg.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerAlways}
	cfg.Listen = "127.0.0.1:0"
	for _, m := range mutate {
		m(&cfg)
	}
	return Open(t, cfg)
}

// To is New sending to url ("local": the embedded receiver).
func To(t testing.TB, url string, mutate ...func(*tracing.Config)) *tracing.Session {
	t.Helper()
	return New(t, append([]func(*tracing.Config){func(c *tracing.Config) { c.Endpoint = url }}, mutate...)...)
}

// Fill builds traces×perTrace finished spans in s: each trace a root and
// perTrace-1 children.
func Fill(t testing.TB, s *tracing.Session, traces, perTrace int) {
	t.Helper()
	for i := 0; i < traces; i++ {
		root, err := s.NewTrace(fmt.Sprintf("trace %d", i))
		if err != nil {
			t.Fatal(err)
		}
		for j := 1; j < perTrace; j++ {
			c, _ := s.Child(root, fmt.Sprintf("child %d", j))
			_ = s.Finish(c)
		}
		_ = s.Finish(root)
	}
}

// FlushAll flushes s's outbox once and returns each batch's result, in
// order, and the summary.
func FlushAll(s *tracing.Session) ([]outbox.DeliveryResult, outbox.FlushSummary) {
	var results []outbox.DeliveryResult
	sum := s.Outbox().Flush(context.Background(), func(r outbox.DeliveryResult) { results = append(results, r) })
	return results, sum
}
