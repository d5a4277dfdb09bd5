package outbox

import (
	"context"
	"errors"
	"sync"
	"time"
)

// defaultLinger is how long a Stream waits for a batch to fill before it
// sends what is queued.
const defaultLinger = 20 * time.Millisecond

// giveUpRounds is how many times over every undelivered span a Stream fails,
// with no batch delivered in between, before it gives up.
const giveUpRounds = 2

// errStreamGaveUp is returned when a Stream stopped because the collector
// refused every batch over and over; the spans stay in the outbox.
var errStreamGaveUp = errors.New("the collector accepted nothing over several rounds of retries")

// StreamOptions configure a Stream.
type StreamOptions struct {
	// Retry is how each batch is retried before it goes back to the end of
	// the queue (FlushRetrying's policy).
	Retry RetryPolicy
	// Linger is how long to wait for a full batch (default 20ms).
	Linger time.Duration
	// OnResult is called once per POSTed batch, from the stream's workers
	// (several at once: it must be safe for concurrent use).
	OnResult func(DeliveryResult)
}

// Stream delivers an outbox's spans while they are queued: InFlight workers
// each take the next full batch (or, after Linger, what there is), serialize
// and POST it, retrying as the policy says. A batch that still fails goes to
// the end of the queue and is tried again after the spans queued before it:
// nothing is dropped. A Stream stops when Close was called and nothing is
// left, when ctx ends, or when it gives up (every undelivered span failed
// twice over with nothing delivered in between).
//
// While a Stream runs it owns the outbox's queue: do not Flush meanwhile.
type Stream struct {
	o    *Outbox
	opts StreamOptions
	ctx  context.Context
	stop context.CancelFunc

	closing chan struct{} // closed by Close: no more spans will come
	wg      sync.WaitGroup

	// guarded by o.mu
	inFlight      int            // spans taken by workers, not yet settled
	failedSinceOK int            // spans in batches that failed since the last 2xx
	gaveUp        bool           // the stream stopped trying
	parked        []*outboxEntry // spans the serializer refuses: failed, never retried
	changed       chan struct{}  // closed and replaced at each settle
	batches       int
}

// Stream starts delivering: every span queued from now on (and those queued
// already) is sent without a Flush.
func (o *Outbox) Stream(ctx context.Context, opts StreamOptions) *Stream {
	if opts.Linger <= 0 {
		opts.Linger = defaultLinger
	}
	opts.Retry = opts.Retry.withDefaults()
	ctx, stop := mergeCancel(ctx, o.ctx)
	st := &Stream{o: o, opts: opts, ctx: ctx, stop: stop, closing: make(chan struct{}), changed: make(chan struct{})}
	o.mu.Lock()
	o.wake = make(chan struct{}, 1)
	o.mu.Unlock()
	o.wg.Add(1)
	for i := 0; i < o.opts.InFlight; i++ {
		st.wg.Add(1)
		go st.work()
	}
	return st
}

// Close says no more spans will come and waits until every queued span is
// delivered (or set aside: spans the serializer refuses stay failed, as
// Counts says), the stream gave up, or ctx ended. It returns an error (the
// stream gave up, or ctx's) when spans are left undelivered.
func (st *Stream) Close() error {
	close(st.closing)
	st.wg.Wait()
	ctxErr := st.ctx.Err() // before stop cancels it
	st.stop()
	st.o.mu.Lock()
	st.o.wake = nil
	gaveUp := st.gaveUp
	st.o.pending = append(st.o.pending, st.parked...) // failed, as a Flush leaves them
	st.parked = nil
	st.o.mu.Unlock()
	st.o.wg.Done()
	switch {
	case gaveUp:
		return errStreamGaveUp
	case ctxErr != nil && st.o.Counts().Undelivered() > 0:
		return ctxErr
	}
	return nil
}

// WaitRoom blocks while limit or more spans are undelivered (back-pressure
// for a producer faster than the collector). It returns an error when the
// stream stopped trying, or ctx's error.
func (st *Stream) WaitRoom(ctx context.Context, limit int) error {
	for {
		st.o.mu.Lock()
		undelivered := st.o.counts[Queued] + st.o.counts[Sending] + st.o.counts[Failed]
		gaveUp, changed := st.gaveUp, st.changed
		st.o.mu.Unlock()
		switch {
		case gaveUp:
			return errStreamGaveUp
		case undelivered < limit:
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		case <-st.ctx.Done():
			return st.ctx.Err()
		}
	}
}

// work is one worker: take a batch, deliver it, settle it, until the end.
func (st *Stream) work() {
	defer st.wg.Done()
	for {
		batch, n := st.next()
		if batch == nil {
			return
		}
		t := st.target()
		for _, oc := range t.deliver(st.ctx, n-1, n, batch, st.opts.Retry) {
			st.settle(oc.entries, oc.result)
			if st.opts.OnResult != nil {
				st.opts.OnResult(oc.result)
			}
		}
	}
}

func (st *Stream) target() deliveryTarget {
	st.o.mu.Lock()
	defer st.o.mu.Unlock()
	return st.o.targetLocked()
}

// next waits for a batch: a full one, or after Linger (or once closing)
// whatever is queued. It returns nil when the stream is over, and the
// batch's number.
func (st *Stream) next() ([]*outboxEntry, int) {
	o := st.o
	lingered := false
	for {
		o.mu.Lock()
		closing := isDone(st.closing)
		n := len(o.pending)
		if st.gaveUp || st.ctx.Err() != nil || (closing && n == 0 && st.inFlight == 0) {
			o.mu.Unlock()
			st.broadcast()
			return nil, 0
		}
		if n >= o.opts.Batch || (n > 0 && (closing || lingered)) {
			batch := st.takeLocked(min(n, o.opts.Batch))
			number := st.batches
			o.mu.Unlock()
			return batch, number
		}
		changed, wake, closed := st.changed, o.wake, st.closing
		o.mu.Unlock()
		if closing {
			closed = nil // waiting for batches in flight: only a settle wakes us
		}
		timer := time.NewTimer(st.opts.Linger)
		select {
		case <-wake:
		case <-changed:
		case <-timer.C:
			lingered = true
		case <-closed:
		case <-st.ctx.Done():
		}
		timer.Stop()
	}
}

// takeLocked takes the first n entries of the queue; o.mu must be held.
// Another full batch waiting wakes another worker.
func (st *Stream) takeLocked(n int) []*outboxEntry {
	o := st.o
	batch := make([]*outboxEntry, n)
	copy(batch, o.pending[:n])
	clear(o.pending[:n]) // the backing array must not keep sent spans alive
	o.pending = o.pending[n:]
	if len(o.pending) == 0 {
		o.pending = nil
	}
	for _, e := range batch {
		o.move(e, Sending)
	}
	st.inFlight += n
	st.batches++
	if len(o.pending) >= o.opts.Batch {
		select {
		case o.wake <- struct{}{}:
		default:
		}
	}
	return batch
}

// settle records a batch's fate: delivered entries are gone, spans the
// serializer refuses are set aside (failed), the others go back to the end
// of the queue (failed, or queued again after a cancel).
func (st *Stream) settle(entries []*outboxEntry, r DeliveryResult) {
	state := Failed
	switch {
	case r.OK():
		state = Delivered
	case errors.Is(r.Err, errFlushCancelled) || r.Class == ClassCancelled:
		state = Queued
	}
	o := st.o
	o.mu.Lock()
	for _, e := range entries {
		o.move(e, state)
	}
	st.inFlight -= len(entries)
	switch {
	case state == Delivered:
		st.failedSinceOK = 0
		if o.opts.Forget {
			o.recycleLocked(entries) // forgotten: the worker drops them after this
		}
	case r.RetryStopped != "":
		// The server asked for a wait this run does not make: sending the
		// next batch at once would only be refused again.
		o.pending = append(o.pending, entries...)
		st.gaveUp = true
	case r.Class == ClassInvalidSpan || r.Class == ClassSerialize:
		// The same bytes fail the same way: sending them again would spin.
		st.parked = append(st.parked, entries...)
	default:
		o.pending = append(o.pending, entries...)
		if state == Failed {
			st.failedSinceOK += len(entries)
			undelivered := o.counts[Queued] + o.counts[Sending] + o.counts[Failed]
			if st.failedSinceOK >= giveUpRounds*undelivered {
				st.gaveUp = true
			}
		}
	}
	close(st.changed)
	st.changed = make(chan struct{})
	o.mu.Unlock()
}

// broadcast wakes every waiting worker and producer.
func (st *Stream) broadcast() {
	st.o.mu.Lock()
	close(st.changed)
	st.changed = make(chan struct{})
	st.o.mu.Unlock()
}

func isDone(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
