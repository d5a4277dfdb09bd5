package receiver

import (
	"hash/maphash"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// maxInterned bounds the tables of shared strings and endpoints; past it a
// table starts over (sharing is an optimisation, never a semantic).
const maxInterned = 10_000

// seenAbove is the size from which a trace keeps a set of its spans' hashes:
// smaller ones are searched, which costs less memory than a set.
const seenAbove = 16

// storedTrace is one trace held by the receiver.
type storedTrace struct {
	id    model.TraceID
	first time.Time // arrival of the first span
	spans []storedSpan
	bytes int                 // the spans' cost
	seen  map[uint64]struct{} // the spans' hashes, past seenAbove spans
}

// has reports whether the trace holds a span with content hash h.
func (t *storedTrace) has(h uint64) bool {
	if t.seen != nil {
		_, ok := t.seen[h]
		return ok
	}
	for i := range t.spans {
		if t.spans[i].hash == h {
			return true
		}
	}
	return false
}

func (t *storedTrace) add(s storedSpan) {
	t.spans = append(t.spans, s)
	t.bytes += s.cost()
	if t.seen == nil && len(t.spans) > seenAbove {
		t.seen = make(map[uint64]struct{}, len(t.spans))
		for i := range t.spans {
			t.seen[t.spans[i].hash] = struct{}{}
		}
	} else if t.seen != nil {
		t.seen[s.hash] = struct{}{}
	}
}

// dropOldest forgets the trace's n oldest spans and returns their cost.
func (t *storedTrace) dropOldest(n int) int {
	cost := 0
	for i := range t.spans[:n] {
		cost += t.spans[i].cost()
		if t.seen != nil {
			delete(t.seen, t.spans[i].hash)
		}
	}
	clear(t.spans[:n]) // let the evicted spans' tags and annotations go
	t.spans = t.spans[n:]
	t.bytes -= cost
	return cost
}

// store keeps a batch of normalised spans: identical spans once, within the
// span and byte budgets, oldest traces evicted first.
func (r *Receiver) store(spans []model.SpanModel) {
	compact := r.compact(spans) // outside the store's lock
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Spans += len(spans)
	for i := range compact {
		tid := spans[i].TraceID
		t, ok := r.traces[tid]
		if !ok {
			t = &storedTrace{id: tid, first: now}
			r.traces[tid] = t
			r.order = append(r.order, tid)
		}
		if t.has(compact[i].hash) {
			r.stats.Duplicates++
			continue
		}
		t.add(compact[i])
		r.stored++
		r.bytes += compact[i].cost()
	}
	r.enforceBudget()
	close(r.changed)
	r.changed = make(chan struct{})
}

// compact makes stored spans of model spans, sharing strings and endpoints.
func (r *Receiver) compact(spans []model.SpanModel) []storedSpan {
	r.internMu.Lock()
	defer r.internMu.Unlock()
	if r.seed == (maphash.Seed{}) {
		r.seed = maphash.MakeSeed()
	}
	out := make([]storedSpan, len(spans))
	for i := range spans {
		out[i] = r.intern.compact(&spans[i], r.seed)
	}
	return out
}

// overBudget reports whether the store holds more than a budget allows.
func (r *Receiver) overBudget() bool {
	return r.stored > r.opts.maxSpans || (r.opts.maxBytes > 0 && r.bytes > r.opts.maxBytes)
}

// enforceBudget evicts the oldest traces while over the span or byte budget
// (or the trace cap); a single trace over a budget loses its oldest spans.
func (r *Receiver) enforceBudget() {
	for len(r.order) > 1 && (r.overBudget() || (r.opts.maxTraces > 0 && len(r.order) > r.opts.maxTraces)) {
		r.evictOldestTrace()
	}
	if len(r.order) != 1 || !r.overBudget() {
		return
	}
	t := r.traces[r.order[0]]
	n := max(0, r.stored-r.opts.maxSpans)
	for cost := r.bytes; n < len(t.spans) && r.opts.maxBytes > 0 && cost > r.opts.maxBytes; n++ {
		cost -= t.spans[n].cost()
	}
	if n >= len(t.spans) {
		r.evictOldestTrace()
		return
	}
	r.bytes -= t.dropOldest(n)
	r.stored -= n
	r.stats.EvictedSpans += n
}

func (r *Receiver) evictOldestTrace() {
	t := r.traces[r.order[0]]
	delete(r.traces, t.id)
	r.order[0] = model.TraceID{}
	r.order = r.order[1:]
	r.stored -= len(t.spans)
	r.bytes -= t.bytes
	r.stats.Evicted++
	r.stats.EvictedSpans += len(t.spans)
}
