package receiver

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/openzipkin/zipkin-go/model"
)

// maxAnswer is the size from which a query answer of several traces is cut:
// a few readers of a large store must not multiply its memory.
const maxAnswer = 64 << 20

// TruncatedHeader is set on a query answer cut at maxAnswer bytes: it says
// how many of the matching traces the answer holds.
const TruncatedHeader = "X-Zipkin-Playground-Truncated"

// traceSnapshot is a trace's spans as they were when it was read: the
// stored spans are never changed in place, so a copy of the slice is enough
// to encode them without the store's lock.
type traceSnapshot struct {
	id    model.TraceID
	spans []storedSpan
}

func (t *storedTrace) snapshot() traceSnapshot {
	return traceSnapshot{t.id, append([]storedSpan(nil), t.spans...)}
}

// snapshot is trace id as it is now, and whether it is kept.
func (r *Receiver) snapshot(id model.TraceID) (traceSnapshot, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.traces[id]
	if !ok {
		return traceSnapshot{}, false
	}
	return t.snapshot(), true
}

// appendTraceJSON appends a trace as a JSON array of spans.
func appendTraceJSON(dst []byte, t traceSnapshot) []byte {
	dst = append(dst, '[')
	for i := range t.spans {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendStoredJSON(dst, t.id, &t.spans[i])
	}
	return append(dst, ']')
}

// writeAnswer writes traces as JSON: one trace as an array of spans, a list
// (list true) as an array of them, cut before the trace that would take it
// past the answer budget, with TruncatedHeader saying so.
func (r *Receiver) writeAnswer(w http.ResponseWriter, traces []traceSnapshot, list bool) {
	budget := maxAnswer
	if r.opts.maxAnswer > 0 {
		budget = r.opts.maxAnswer
	}
	w.Header().Set("Content-Type", "application/json")
	if !list {
		_, _ = w.Write(appendTraceJSON(nil, traces[0]))
		return
	}
	// Each trace is encoded on its own: the answer never holds more than the
	// budget and one trace, as one growing buffer would (twice the budget).
	var parts [][]byte
	size := 2
	for _, t := range traces {
		b := appendTraceJSON(nil, t)
		if size += len(b) + 1; size > budget {
			break
		}
		parts = append(parts, b)
	}
	if len(parts) < len(traces) {
		w.Header().Set(TruncatedHeader, fmt.Sprintf("%d of %d traces: the answer is cut at %s bytes", len(parts), len(traces), strconv.Itoa(budget)))
	}
	_, _ = w.Write([]byte{'['})
	for i, b := range parts {
		if i > 0 {
			_, _ = w.Write([]byte{','})
		}
		_, _ = w.Write(b)
		parts[i] = nil
	}
	_, _ = w.Write([]byte{']'})
}
