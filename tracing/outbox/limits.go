package outbox

import (
	"slices"
	"time"

	"zipkin-playground/tracing/secret"
)

// SetLimits changes the batch size and the per-request timeout of the next
// flushes (a flush in progress keeps its own). Values out of range are
// ignored: Config.Validate refuses them first.
func (o *Outbox) SetLimits(batch int, timeout time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if batch >= 1 {
		o.opts.Batch = batch
	}
	if timeout > 0 {
		o.opts.Timeout = timeout
	}
}

// SetGzip says whether the next POSTs are gzipped.
func (o *Outbox) SetGzip(on bool) {
	o.mu.Lock()
	o.opts.Gzip = on
	o.mu.Unlock()
}

// SetHeaders changes the extra headers of the next POSTs.
func (o *Outbox) SetHeaders(hs []secret.Header) {
	o.mu.Lock()
	o.opts.Headers = slices.Clone(hs)
	o.mu.Unlock()
}

// Limits are the batch size and per-request timeout the next flush uses.
func (o *Outbox) Limits() (batch int, timeout time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opts.Batch, o.opts.Timeout
}

// SetInFlight changes how many POSTs the next flushes and streams keep in
// flight. Values below 1 are ignored.
func (o *Outbox) SetInFlight(n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n >= 1 {
		o.opts.InFlight = n
	}
}
