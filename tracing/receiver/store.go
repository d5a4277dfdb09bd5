package receiver

import (
	"crypto/sha256"
	"strconv"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// maxInterned bounds the table of shared endpoints; past it the table starts
// over (sharing is an optimisation, never a semantic).
const maxInterned = 10_000

// spanKey identifies a span's full content: identical spans have one key.
type spanKey [16]byte

// storedTrace is one trace held by the receiver.
type storedTrace struct {
	id    model.TraceID
	first time.Time // arrival of the first span
	spans []model.SpanModel
	keys  []spanKey // keys[i] is spans[i]'s
	seen  map[spanKey]struct{}
}

// keyOf hashes the span as it is served, so "identical" means identical to a
// reader of the query API.
func keyOf(s model.SpanModel) spanKey {
	b, _ := appendSpanJSON(nil, s)
	sum := sha256.Sum256(b)
	var k spanKey
	copy(k[:], sum[:])
	return k
}

// store keeps a batch of normalised spans: identical spans once, within the
// span budget, oldest traces evicted first.
func (r *Receiver) store(spans []model.SpanModel) {
	keys := make([]spanKey, len(spans))
	for i, s := range spans {
		keys[i] = keyOf(s) // hashed outside the lock
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Spans += len(spans)
	for i, s := range spans {
		t, ok := r.traces[s.TraceID]
		if !ok {
			t = &storedTrace{id: s.TraceID, first: now, seen: map[spanKey]struct{}{}}
			r.traces[s.TraceID] = t
			r.order = append(r.order, s.TraceID)
		}
		if _, dup := t.seen[keys[i]]; dup {
			r.stats.Duplicates++
			continue
		}
		s.LocalEndpoint = r.intern(s.LocalEndpoint)
		s.RemoteEndpoint = r.intern(s.RemoteEndpoint)
		t.seen[keys[i]] = struct{}{}
		t.spans = append(t.spans, s)
		t.keys = append(t.keys, keys[i])
		r.stored++
	}
	r.enforceBudget()
	close(r.changed)
	r.changed = make(chan struct{})
}

// enforceBudget evicts the oldest traces while over the span budget (or the
// trace cap); a single trace over the budget loses its oldest spans.
func (r *Receiver) enforceBudget() {
	for len(r.order) > 1 && (r.stored > r.opts.MaxSpans || (r.opts.MaxTraces > 0 && len(r.order) > r.opts.MaxTraces)) {
		t := r.traces[r.order[0]]
		delete(r.traces, t.id)
		r.order[0] = model.TraceID{}
		r.order = r.order[1:]
		r.stored -= len(t.spans)
		r.stats.Evicted++
		r.stats.EvictedSpans += len(t.spans)
	}
	if over := r.stored - r.opts.MaxSpans; over > 0 && len(r.order) == 1 {
		t := r.traces[r.order[0]]
		for _, k := range t.keys[:over] {
			delete(t.seen, k)
		}
		clear(t.spans[:over]) // let the evicted spans' tags and annotations go
		t.spans = t.spans[over:]
		t.keys = t.keys[over:]
		r.stored -= over
		r.stats.EvictedSpans += over
	}
}

// intern shares one copy of each endpoint among the spans that carry it:
// most spans of a service have the same one.
func (r *Receiver) intern(e *model.Endpoint) *model.Endpoint {
	if e == nil {
		return nil
	}
	k := e.ServiceName + "|" + e.IPv4.String() + "|" + e.IPv6.String() + "|" + strconv.Itoa(int(e.Port))
	if shared, ok := r.endpoints[k]; ok {
		return shared
	}
	if r.endpoints == nil || len(r.endpoints) >= maxInterned {
		r.endpoints = map[string]*model.Endpoint{}
	}
	r.endpoints[k] = e
	return e
}
