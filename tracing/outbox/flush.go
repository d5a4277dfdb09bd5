package outbox

import (
	"context"
	"errors"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// FlushSummary totals one flush.
type FlushSummary struct {
	Flush     int
	Batches   int
	Spans     int
	Delivered int
	Failed    int
	Elapsed   time.Duration
}

// Flush sends every queued or failed span in batches, a few POSTs in flight,
// and calls onResult once per batch in batch order (from the calling
// goroutine); a batch holding spans the serializer refuses gets one more
// result for those, just before its own. A span leaves the outbox only on a
// collector's 2xx; the rest stay. Cancelling ctx stops new batches; their
// spans are queued again. Nothing is retried within the flush: that is
// FlushRetrying.
func (o *Outbox) Flush(ctx context.Context, onResult func(DeliveryResult)) FlushSummary {
	return o.flush(ctx, RetryPolicy{}, onResult)
}

// FlushRetrying is Flush, with each batch that fails transiently (refused,
// reset, timeout, 408, 429, 5xx) retried as p says, honouring Retry-After.
// When the retries run out the batch's spans stay failed, never dropped.
func (o *Outbox) FlushRetrying(ctx context.Context, p RetryPolicy, onResult func(DeliveryResult)) FlushSummary {
	return o.flush(ctx, p.withDefaults(), onResult)
}

// outcome is what became of some entries of a batch.
type outcome struct {
	entries []*outboxEntry
	result  DeliveryResult
}

func (o *Outbox) flush(ctx context.Context, p RetryPolicy, onResult func(DeliveryResult)) FlushSummary {
	o.wg.Add(1)
	defer o.wg.Done()
	ctx, cancel := mergeCancel(ctx, o.ctx)
	defer cancel()

	start := time.Now()
	batches, target := o.takeBatches()
	sum := FlushSummary{Flush: target.flush, Batches: len(batches)}
	if len(batches) == 0 {
		return sum
	}
	done := make([]chan []outcome, len(batches))
	for i := range done {
		done[i] = make(chan []outcome, 1)
	}
	go func() {
		sem := make(chan struct{}, o.opts.InFlight)
		for i, b := range batches {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				done[i] <- []outcome{{b, target.cancelled(i, len(batches), b)}}
				continue
			}
			go func(i int, b []*outboxEntry) {
				defer func() { <-sem }()
				done[i] <- target.deliver(ctx, i, len(batches), b, p)
			}(i, b)
		}
	}()
	for i := range batches {
		for _, oc := range <-done[i] {
			o.settle(oc.entries, oc.result)
			r := oc.result
			sum.Spans += r.Spans
			if r.OK() {
				sum.Delivered += r.Spans
			} else {
				sum.Failed += r.Spans
			}
			if onResult != nil {
				onResult(r)
			}
		}
	}
	o.compact()
	sum.Elapsed = time.Since(start)
	return sum
}

// takeBatches marks every queued or failed span as sending and cuts them into
// batches.
func (o *Outbox) takeBatches() ([][]*outboxEntry, deliveryTarget) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushes++
	t := o.targetLocked()
	var batches [][]*outboxEntry
	var cur []*outboxEntry
	for _, e := range o.pending {
		if e.state != Queued && e.state != Failed {
			continue // another flush has it, or it is delivered
		}
		o.move(e, Sending)
		cur = append(cur, e)
		if len(cur) == o.opts.Batch {
			batches = append(batches, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	return batches, t
}

func (o *Outbox) targetLocked() deliveryTarget {
	return deliveryTarget{
		flush: o.flushes, endpoint: o.endpoint, masker: o.masker, headers: o.opts.Headers,
		codec: o.codec, client: o.opts.Client, timeout: o.opts.Timeout, proxy: o.opts.Proxy,
		gzip: o.opts.Gzip,
	}
}

// Probe POSTs an empty span list (what `check` does) and classifies the
// answer as a flush would: a redirect or a web page is not healthy. Nothing
// in the outbox changes.
func (o *Outbox) Probe(ctx context.Context) DeliveryResult {
	o.mu.Lock()
	t := o.targetLocked()
	o.mu.Unlock()
	r := DeliveryResult{Flush: t.flush, Batch: 1, Batches: 1, At: time.Now()}
	body, err := t.codec.Serializer.Serialize([]*model.SpanModel{}) // "[]": JSON of a nil slice is "null", which Zipkin refuses
	if err != nil {
		r.Err, r.Class, r.Hint = err, ClassSerialize, hintFor(ClassSerialize)
		return r
	}
	r.Bytes = len(body)
	t.gzip = false // an empty list is not worth compressing
	t.attempt(ctx, plainBody(body), &r)
	return r
}

// settle records what became of some entries: delivered spans leave the
// outbox, the others stay (failed, or queued again after a cancel).
func (o *Outbox) settle(entries []*outboxEntry, r DeliveryResult) {
	st := Failed
	switch {
	case r.OK():
		st = Delivered
	case errors.Is(r.Err, errFlushCancelled) || r.Class == ClassCancelled:
		st = Queued
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, e := range entries {
		o.move(e, st)
	}
}

// compact drops delivered entries; once per flush, not per batch, so a
// 100,000-span flush stays linear.
func (o *Outbox) compact() {
	o.mu.Lock()
	defer o.mu.Unlock()
	kept := o.pending[:0]
	for _, e := range o.pending {
		if e.state != Delivered {
			kept = append(kept, e)
		}
	}
	clear(o.pending[len(kept):])
	o.pending = kept
}

// mergeCancel is ctx, also cancelled when other is.
func mergeCancel(ctx, other context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(other, cancel)
	return ctx, func() { stop(); cancel() }
}
