package tracing

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
	body := []byte{'['}
	kept := 0
	for _, t := range traces {
		mark := len(body)
		if kept > 0 {
			body = append(body, ',')
		}
		body = appendTraceJSON(body, t)
		if len(body) > budget {
			body = body[:mark]
			break
		}
		kept++
	}
	if kept < len(traces) {
		w.Header().Set(TruncatedHeader, fmt.Sprintf("%d of %d traces: the answer is cut at %s bytes", kept, len(traces), strconv.Itoa(budget)))
	}
	_, _ = w.Write(append(body, ']'))
}
