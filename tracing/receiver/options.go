package receiver

import "github.com/openzipkin/zipkin-go/model"

// Option sets one of the receiver's settings; pass Options to Start.
type Option func(*config)

// MaxSpans sets the span budget (default 200,000): beyond it the oldest
// traces are evicted, and a single trace over it loses its oldest spans.
// Evictions are counted in Stats. n <= 0 keeps the default.
func MaxSpans(n int) Option {
	return func(c *config) { c.maxSpans = n }
}

// MaxBytes sets the byte budget (default DefaultMaxBytes): what the kept
// spans hold, tag and annotation values included, evicted as MaxSpans.
// n <= 0 keeps the default.
func MaxBytes(n int) Option {
	return func(c *config) { c.maxBytes = n }
}

// MaxTraces, when n is positive, also bounds the number of traces kept.
func MaxTraces(n int) Option {
	return func(c *config) { c.maxTraces = n }
}

// MaxDecodes bounds how many POST bodies are read and decoded at once
// (default 4); the others wait, so concurrent large uploads cannot multiply
// peak memory. n <= 0 keeps the default.
func MaxDecodes(n int) Option {
	return func(c *config) { c.maxDecodes = n }
}

// OnSpans has f called with every accepted batch (normalised; a large body in
// chunks of 1,000 spans; from the HTTP handler's goroutine) before the answer
// is written: f must not block.
func OnSpans(f func([]model.SpanModel)) Option {
	return func(c *config) { c.onSpans = f }
}
