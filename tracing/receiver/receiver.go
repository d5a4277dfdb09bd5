package receiver

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// DefaultListen is the embedded receiver's address when none is given; it is
// Zipkin's port on loopback. Only this address moves to a free port when taken.
const DefaultListen = "127.0.0.1:9411"

// defaultMaxSpans is the receiver's span budget when none is given.
const defaultMaxSpans = 200_000

// DefaultMaxBytes is the receiver's byte budget when none is given: a
// laptop's share for a playground.
const DefaultMaxBytes = 256 << 20

// defaultMaxDecodes is how many POST bodies are read and decoded at once; the
// others wait, so concurrent large uploads cannot multiply peak memory.
const defaultMaxDecodes = 4

// serverTimeouts close a slow or idle connection rather than hold it forever.
type serverTimeouts struct {
	readHeader, read, write, idle time.Duration
}

// defaultTimeouts give a request 5 s for its headers and 30 s in all; an idle
// keep-alive connection is closed after a minute.
var defaultTimeouts = serverTimeouts{readHeader: 5 * time.Second, read: 30 * time.Second, write: 30 * time.Second, idle: time.Minute}

// errListen is wrapped by Start's error when the address given cannot be used
// (taken, or invalid such as 127.0.0.1:abc).
var errListen = errors.New("cannot listen")

// config is the embedded receiver's settings, set by Options.
type config struct {
	// maxSpans is the span budget: beyond it the oldest traces are evicted,
	// and a single trace over it loses its oldest spans.
	maxSpans int
	// maxBytes is the byte budget: what the kept spans hold, tag and
	// annotation values included, evicted as maxSpans.
	maxBytes int
	// maxTraces, when positive, also bounds the number of traces kept.
	maxTraces int
	// maxDecodes bounds concurrent decodes.
	maxDecodes int
	// maxAnswer, when positive, replaces maxAnswer (tests).
	maxAnswer int
	// timeouts, when set, replace defaultTimeouts (tests).
	timeouts *serverTimeouts
	// onSpans, when set, is called with every accepted batch.
	onSpans func([]model.SpanModel)
}

// Receiver is a small Zipkin: it collects spans (v2 JSON and proto3 on
// /api/v2/spans, v1 JSON and Thrift on /api/v1/spans, gzip too) and answers
// Zipkin's v2 query API. Its memory is bounded by a span budget.
type Receiver struct {
	// Moved, when not empty, says the default address was taken and where the
	// receiver listens instead; interfaces show it.
	Moved string
	// Warning, when not empty, says the receiver listens beyond loopback with
	// no authentication; interfaces show it.
	Warning string

	opts    config
	ln      net.Listener
	srv     *http.Server
	decodes chan struct{} // semaphore of concurrent decodes
	queries chan struct{} // semaphore of concurrent query answers

	internMu sync.Mutex
	intern   interner     // shared strings and endpoints
	seed     maphash.Seed // of the spans' content hashes

	mu      sync.Mutex
	traces  map[model.TraceID]*storedTrace
	order   []model.TraceID // oldest first
	stored  int             // spans held
	bytes   int             // their cost, see storedSpan.cost
	stats   Stats
	changed chan struct{}
}

// ReceivedTrace is the spans of one trace that arrived, in arrival order.
type ReceivedTrace struct {
	TraceID model.TraceID
	Spans   []model.SpanModel
	First   time.Time // arrival of the first span
}

// Stats counts what arrived.
type Stats struct {
	Spans        int // accepted, duplicates included
	Batches      int
	Rejected     int // batches answered 4xx
	Duplicates   int // identical spans stored once
	Traces       int // traces held now
	Stored       int // spans held now
	Evicted      int // traces evicted by the budget
	EvictedSpans int // spans evicted by the budget
}

// Start listens on addr and serves until Close. addr "" is DefaultListen, and
// when that is taken it listens on a free loopback port and says so in Moved;
// an address given (even 127.0.0.1:9411) that cannot be used is an error: a
// second receiver must not swallow spans meant for the first.
func Start(addr string, opts ...Option) (*Receiver, error) {
	var o config
	for _, opt := range opts {
		opt(&o)
	}
	if o.maxSpans <= 0 {
		o.maxSpans = defaultMaxSpans
	}
	if o.maxBytes <= 0 {
		o.maxBytes = DefaultMaxBytes
	}
	if o.maxDecodes <= 0 {
		o.maxDecodes = defaultMaxDecodes
	}
	ln, moved, err := listenOrDefault(addr, DefaultListen)
	if err != nil {
		return nil, err
	}
	r := &Receiver{
		Moved: moved, Warning: exposureWarning(ln.Addr()),
		opts: o, ln: ln, decodes: make(chan struct{}, o.maxDecodes),
		queries: make(chan struct{}, maxQueries),
		traces:  map[model.TraceID]*storedTrace{}, changed: make(chan struct{}), seed: maphash.MakeSeed(),
	}
	to := defaultTimeouts
	if o.timeouts != nil {
		to = *o.timeouts
	}
	r.srv = &http.Server{
		Handler:           r.routes(),
		ReadHeaderTimeout: to.readHeader,
		ReadTimeout:       to.read,
		WriteTimeout:      to.write,
		IdleTimeout:       to.idle,
		ErrorLog:          discardLogger(),
	}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

// listenOrDefault listens on addr, or on def when addr is "": only def moves
// to a free port when taken. def is a parameter so that tests can exercise
// the move without binding Zipkin's port on the host.
func listenOrDefault(addr, def string) (net.Listener, string, error) {
	if addr == "" {
		return listenOrMove(def, true)
	}
	return listenOrMove(addr, false)
}

// listenOrMove listens on addr; when movable and addr is taken, on a free port
// of the same host, returning a note saying so.
func listenOrMove(addr string, movable bool) (net.Listener, string, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, "", nil
	}
	if !movable || !errors.Is(err, syscall.EADDRINUSE) {
		return nil, "", fmt.Errorf("%w on %s: %v", errListen, addr, unwrapOpError(err))
	}
	host, _, _ := net.SplitHostPort(addr)
	ln, err2 := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err2 != nil {
		return nil, "", fmt.Errorf("%w on %s: %v", errListen, addr, unwrapOpError(err))
	}
	return ln, fmt.Sprintf("%s is taken: the embedded receiver listens on %s instead", addr, ln.Addr()), nil
}

// unwrapOpError drops net.OpError's "listen tcp ADDR:" prefix, which repeats
// the address the message already names.
func unwrapOpError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// exposureWarning is the warning for a listener reachable beyond loopback.
func exposureWarning(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		return ""
	}
	return fmt.Sprintf("the embedded receiver listens on %s, beyond loopback, with no authentication: anyone who reaches it can send and read spans", a)
}

// Addr is the address the receiver listens on.
func (r *Receiver) Addr() string { return r.ln.Addr().String() }

// URL is the receiver's spans endpoint.
func (r *Receiver) URL() string { return "http://" + r.Addr() + secret.V2Path }

// Endpoint is the receiver as a session endpoint.
func (r *Receiver) Endpoint() secret.Endpoint { return secret.LocalEndpointAt(r.Addr()) }

// Close stops the server.
func (r *Receiver) Close() error { return r.srv.Close() }

// Stats is a snapshot of the counters.
func (r *Receiver) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Traces = len(r.order)
	s.Stored = r.stored
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
		out = append(out, ReceivedTrace{TraceID: t.id, First: t.first, Spans: t.models()})
	}
	return out
}

// Trace returns the spans of one trace, nil when unknown.
func (r *Receiver) Trace(id model.TraceID) []model.SpanModel {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.traces[id]; ok {
		return t.models()
	}
	return nil
}

// routes is the receiver's HTTP surface: Zipkin's collector and query API.
func (r *Receiver) routes() http.Handler {
	mux := http.NewServeMux()
	query := withLensRoutes(r.queryRoutes())
	for _, path := range wire.SpanPaths() {
		mux.HandleFunc("POST "+path, r.handleSpansAt(path))
		if _, ok := query[path]; !ok { // else OPTIONS comes with its GET below
			mux.HandleFunc("OPTIONS "+path, handlePreflight)
		}
	}
	for path, h := range query {
		mux.HandleFunc("GET "+path, r.withQuerySlot(h))
		mux.HandleFunc("OPTIONS "+path, handlePreflight)
	}
	return r.guard(withCORS(mux))
}

// withCORS lets a browser (Grafana, Zipkin's UI, zipkin-js) read and post,
// as Zipkin's server does by default.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		next.ServeHTTP(w, req)
	})
}

func handlePreflight(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	if asked := req.Header.Get("Access-Control-Request-Headers"); asked != "" {
		h.Set("Access-Control-Allow-Headers", asked)
	} else {
		h.Set("Access-Control-Allow-Headers", "Content-Type, Content-Encoding")
	}
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// discardLogger keeps net/http's server errors off the terminal the UI owns.
func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
