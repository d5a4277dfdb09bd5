package tracing

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
)

// DefaultMaxTraces is how many traces the receiver keeps before evicting the
// oldest.
const DefaultMaxTraces = 1000

// maxBody is the largest POST body the receiver reads (after gunzip).
const maxBody = 64 << 20

// ReceiverOptions configure the embedded receiver.
type ReceiverOptions struct {
	// MaxTraces bounds memory: the newest MaxTraces traces are kept.
	MaxTraces int
	// OnSpans, when set, is called with every accepted batch (from the HTTP
	// handler's goroutine) before the answer is written.
	OnSpans func([]model.SpanModel)
}

// Receiver is a small Zipkin collector: POST /api/v2/spans (JSON or proto3,
// gzip too), GET /api/v2/trace/{id}, GET /api/v2/services.
type Receiver struct {
	opts ReceiverOptions
	ln   net.Listener
	srv  *http.Server

	mu      sync.Mutex
	traces  map[model.TraceID]*ReceivedTrace
	order   []model.TraceID // oldest first
	stats   ReceiverStats
	changed chan struct{}
}

// ReceivedTrace is the spans of one trace that arrived, in arrival order.
type ReceivedTrace struct {
	TraceID model.TraceID
	Spans   []model.SpanModel
	First   time.Time // arrival of the first span
}

// ReceiverStats counts what arrived.
type ReceiverStats struct {
	Spans    int
	Batches  int
	Rejected int
	Traces   int
	Evicted  int
}

// StartReceiver listens on addr; when it is taken, on a free port of the
// same host. It serves until Close.
func StartReceiver(addr string, opts ...ReceiverOptions) (*Receiver, error) {
	var o ReceiverOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.MaxTraces <= 0 {
		o.MaxTraces = DefaultMaxTraces
	}
	if addr == "" {
		addr = "127.0.0.1:9411"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		host, _, splitErr := net.SplitHostPort(addr)
		if splitErr != nil {
			return nil, fmt.Errorf("--listen %q: %v", addr, splitErr)
		}
		if ln, err = net.Listen("tcp", net.JoinHostPort(host, "0")); err != nil {
			return nil, fmt.Errorf("embedded receiver: cannot listen on %s: %v", addr, err)
		}
	}
	r := &Receiver{opts: o, ln: ln, traces: map[model.TraceID]*ReceivedTrace{}, changed: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v2/spans", r.handleSpans)
	mux.HandleFunc("GET /api/v2/trace/{id}", r.handleTrace)
	mux.HandleFunc("GET /api/v2/services", r.handleServices)
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: discardLogger()}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

// Addr is the address the receiver listens on.
func (r *Receiver) Addr() string { return r.ln.Addr().String() }

// URL is the receiver's spans endpoint.
func (r *Receiver) URL() string { return "http://" + r.Addr() + V2Path }

// Endpoint is the receiver as a session endpoint.
func (r *Receiver) Endpoint() Endpoint { return localEndpointAt(r.Addr()) }

// Close stops the server.
func (r *Receiver) Close() error { return r.srv.Close() }

// Stats is a snapshot of the counters.
func (r *Receiver) Stats() ReceiverStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Traces = len(r.order)
	return s
}

// Updated returns a channel closed at the next arrival: wait on it, then call
// Updated again.
func (r *Receiver) Updated() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}

// Traces are copies of the kept traces, oldest first.
func (r *Receiver) Traces() []ReceivedTrace {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]ReceivedTrace, 0, len(r.order))
	for _, id := range r.order {
		t := r.traces[id]
		out = append(out, ReceivedTrace{TraceID: t.TraceID, First: t.First, Spans: append([]model.SpanModel(nil), t.Spans...)})
	}
	return out
}

// Trace returns the spans of one trace, nil when unknown.
func (r *Receiver) Trace(id model.TraceID) []model.SpanModel {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.traces[id]; ok {
		return append([]model.SpanModel(nil), t.Spans...)
	}
	return nil
}

func (r *Receiver) handleSpans(w http.ResponseWriter, req *http.Request) {
	spans, err := decodeSpans(req)
	if err != nil {
		r.mu.Lock()
		r.stats.Rejected++
		r.mu.Unlock()
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if r.opts.OnSpans != nil && len(spans) > 0 {
		r.opts.OnSpans(spans)
	}
	r.store(spans)
	w.WriteHeader(http.StatusAccepted)
}

// decodeSpans reads a POST body as Zipkin's collector does: proto3 or JSON by
// Content-Type, gzip by Content-Encoding; an empty body is an empty list.
func decodeSpans(req *http.Request) ([]model.SpanModel, error) {
	var body io.Reader = req.Body
	if strings.EqualFold(req.Header.Get("Content-Encoding"), "gzip") {
		gz, err := gzip.NewReader(req.Body)
		if err != nil {
			return nil, errors.New("Cannot gunzip spans: " + err.Error())
		}
		defer gz.Close()
		body = gz
	}
	data, err := io.ReadAll(io.LimitReader(body, maxBody+1))
	if err != nil {
		//lint:ignore ST1005 Zipkin's collector answers with this text
		return nil, fmt.Errorf("Cannot read spans: %v", err)
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("body over %d bytes", maxBody)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, nil
	}
	ct := strings.ToLower(req.Header.Get("Content-Type"))
	if strings.Contains(ct, "protobuf") {
		ptrs, err := zipkin_proto3.ParseSpans(data, false)
		if err != nil {
			//lint:ignore ST1005 Zipkin's collector answers with this text
			return nil, fmt.Errorf("Expected a PROTO3 encoded list: %v", err)
		}
		out := make([]model.SpanModel, len(ptrs))
		for i, p := range ptrs {
			out[i] = *p
		}
		return out, nil
	}
	if data[0] != '[' {
		//lint:ignore ST1005 Zipkin's collector answers with this text
		return nil, errors.New("Expected a JSON_V2 encoded list")
	}
	var spans []model.SpanModel
	if err := json.Unmarshal(data, &spans); err != nil {
		//lint:ignore ST1005 Zipkin's collector answers with this text
		return nil, fmt.Errorf("Expected a JSON_V2 encoded list: %v", err)
	}
	return spans, nil
}

func (r *Receiver) store(spans []model.SpanModel) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Batches++
	r.stats.Spans += len(spans)
	for _, s := range spans {
		t, ok := r.traces[s.TraceID]
		if !ok {
			t = &ReceivedTrace{TraceID: s.TraceID, First: now}
			r.traces[s.TraceID] = t
			r.order = append(r.order, s.TraceID)
		}
		t.Spans = append(t.Spans, s)
	}
	if over := len(r.order) - r.opts.MaxTraces; over > 0 {
		for _, id := range r.order[:over] {
			delete(r.traces, id)
		}
		r.order = append(r.order[:0:0], r.order[over:]...)
		r.stats.Evicted += over
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

func (r *Receiver) handleTrace(w http.ResponseWriter, req *http.Request) {
	raw := strings.ToLower(req.PathValue("id"))
	id, err := model.TraceIDFromHex(raw)
	if err != nil {
		http.Error(w, "traceId should be lower-hex encoded with no prefix", http.StatusBadRequest)
		return
	}
	spans := r.Trace(id)
	if spans == nil {
		http.Error(w, raw+" not found", http.StatusNotFound)
		return
	}
	writeJSON(w, spans)
}

func (r *Receiver) handleServices(w http.ResponseWriter, _ *http.Request) {
	seen := map[string]bool{}
	r.mu.Lock()
	for _, t := range r.traces {
		for _, s := range t.Spans {
			if s.LocalEndpoint != nil && s.LocalEndpoint.ServiceName != "" {
				seen[strings.ToLower(s.LocalEndpoint.ServiceName)] = true
			}
		}
	}
	r.mu.Unlock()
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	writeJSON(w, names)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// discardLogger keeps net/http's server errors off the terminal the UI owns.
func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
