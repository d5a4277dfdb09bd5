package outbox

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// DeliveryState is where a span is on its way to the collector.
type DeliveryState int

// Delivery states. A span that is running or not sampled is NotQueued.
const (
	NotQueued DeliveryState = iota
	Queued
	Sending
	Delivered
	Failed
)

var deliveryStateNames = []string{"", "queued", "sending", "delivered", "failed"}

// String is the state as the tree shows it.
func (s DeliveryState) String() string { return deliveryStateNames[s] }

// errFlushCancelled is the error of a batch not sent because the flush was
// cancelled; its spans are queued again.
var errFlushCancelled = errors.New("flush cancelled before this batch was sent")

// defaultInFlight is how many POSTs a flush keeps in flight at once.
const defaultInFlight = 4

// Options configure delivery.
type Options struct {
	Encoding Encoding
	Headers  []secret.Header
	Timeout  time.Duration
	Batch    int
	// InFlight is the number of concurrent POSTs (default 4).
	InFlight int
	// Client is the HTTP client (default: a client with its own transport,
	// built from RootCAs, Insecure and Proxy). Whatever the client, the outbox
	// never follows a redirect.
	Client *http.Client
	// RootCAs are the CAs an https endpoint's certificate must chain to; nil
	// is the system's roots. LoadCACerts builds it from a PEM file.
	RootCAs *x509.CertPool
	// Insecure skips TLS verification; Warnings says so on every run.
	Insecure bool
	// Proxy picks the proxy of a request (default http.ProxyFromEnvironment:
	// HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
	Proxy func(*http.Request) (*url.URL, error)
	// Forget keeps nothing of a span once a collector took it, only the
	// counts: State no longer knows a span's key. For bursts, whose memory
	// must not grow with the number of spans sent (SetForget turns it on).
	Forget bool
	// Gzip compresses request bodies (Content-Encoding: gzip).
	Gzip bool
}

// Outbox is a zipkin-go reporter.Reporter that keeps every finished sampled
// span until a collector answers 2xx for it. Nothing is ever dropped: failed
// batches stay queued for the next flush. Safe for concurrent use.
type Outbox struct {
	opts  Options
	codec wire.Codec // how batches are written: serializer and Content-Type

	mu       sync.Mutex
	endpoint secret.Endpoint
	masker   *secret.Masker
	pending  []*outboxEntry // queued, sending or failed, in arrival order
	states   map[SpanKey]DeliveryState
	counts   [5]int
	flushes  int
	wake     chan struct{} // a Stream's: signalled when a full batch is queued
	// free are entries a Stream delivered in Forget mode, cleared, for Send
	// to fill again: a burst then allocates none per span once it runs.
	free []*outboxEntry

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type outboxEntry struct {
	key   SpanKey
	span  model.SpanModel
	state DeliveryState
	// problem is why the serializer refused the span, once it has.
	problem error
}

var _ reporter.Reporter = (*Outbox)(nil)

// New makes an empty outbox; SetEndpoint tells it where to deliver.
func New(opts Options) *Outbox {
	if opts.Batch < 1 {
		opts.Batch = 100
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.InFlight < 1 {
		opts.InFlight = defaultInFlight
	}
	if opts.Proxy == nil {
		opts.Proxy = http.ProxyFromEnvironment
	}
	if opts.Client == nil {
		opts.Client = NewHTTPClient(ClientOptions{RootCAs: opts.RootCAs, Insecure: opts.Insecure, Proxy: opts.Proxy, MaxIdlePerHost: opts.InFlight})
	} else {
		c := *opts.Client // ours to change: the caller's client keeps its policy
		opts.Client = &c
	}
	// Redirects are never followed: a followed 301/302/303 turns the POST into
	// a bodiless GET whose 200 looks like a delivery; a followed 307/308
	// carries the body, a Referer with the full URL and the user's headers to
	// another host.
	opts.Client.CheckRedirect = stopAtFirstRedirect
	if opts.Encoding == "" {
		opts.Encoding = EncodingJSON
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Outbox{
		opts:   opts,
		codec:  opts.Encoding.Codec(),
		states: map[SpanKey]DeliveryState{},
		ctx:    ctx,
		cancel: cancel,
	}
}

// SetEndpoint changes where the next batches go; masker hides its secrets in
// every result.
func (o *Outbox) SetEndpoint(ep secret.Endpoint, masker *secret.Masker) {
	o.mu.Lock()
	o.endpoint, o.masker = ep, masker
	o.mu.Unlock()
}

// SetEncoding changes how the next batches are serialized (EncodingFor
// picks it from the endpoint's path).
func (o *Outbox) SetEncoding(enc Encoding) {
	o.mu.Lock()
	o.opts.Encoding, o.codec = enc, enc.Codec()
	o.mu.Unlock()
}

// Encoding is how the outbox serializes spans now.
func (o *Outbox) Encoding() Encoding {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opts.Encoding
}

// Send queues a finished span (zipkin-go calls it from Span.Finish). It never
// blocks on the network and never drops.
func (o *Outbox) Send(s model.SpanModel) {
	o.mu.Lock()
	e := o.newEntryLocked()
	e.key, e.span = KeyOf(s), s
	o.pending = append(o.pending, e)
	o.move(e, Queued)
	if o.wake != nil && len(o.pending) >= o.opts.Batch {
		select {
		case o.wake <- struct{}{}:
		default:
		}
	}
	o.mu.Unlock()
}

// newEntryLocked is a cleared entry, reused when there is one; o.mu must be
// held.
func (o *Outbox) newEntryLocked() *outboxEntry {
	if n := len(o.free); n > 0 {
		e := o.free[n-1]
		o.free[n-1] = nil
		o.free = o.free[:n-1]
		return e
	}
	return &outboxEntry{}
}

// recycleLocked keeps delivered entries for newEntryLocked, cleared so they
// hold no span, up to as many as the Stream's workers have in flight; o.mu
// must be held. Only entries nothing else refers to may be recycled.
func (o *Outbox) recycleLocked(entries []*outboxEntry) {
	for _, e := range entries {
		if len(o.free) >= o.opts.Batch*o.opts.InFlight {
			return
		}
		*e = outboxEntry{}
		o.free = append(o.free, e)
	}
}

// move changes an entry's state and keeps the counts; o.mu must be held. In
// Forget mode the state lives in the entry only, so nothing outlives it.
func (o *Outbox) move(e *outboxEntry, st DeliveryState) {
	if o.opts.Forget {
		if e.state != NotQueued {
			o.counts[e.state]--
		}
		o.counts[st]++
	} else {
		o.setState(e.key, st)
	}
	e.state = st
}

// SetForget turns Forget mode on or off for the spans queued from now on.
// Spans already delivered stay known to State.
func (o *Outbox) SetForget(on bool) {
	o.mu.Lock()
	o.opts.Forget = on
	o.mu.Unlock()
}

// Size is what an outbox holds in memory.
type Size struct {
	// Entries are spans kept for delivery (queued, sending, failed, or
	// delivered and not yet compacted); States are spans whose state is
	// remembered (every span ever queued, unless Forget).
	Entries, States int
}

// Size is what the outbox holds now: in Forget mode it does not grow with
// the number of spans delivered.
func (o *Outbox) Size() Size {
	o.mu.Lock()
	defer o.mu.Unlock()
	return Size{Entries: len(o.pending), States: len(o.states)}
}

// setState records a span's state and keeps the counts; o.mu must be held.
func (o *Outbox) setState(key SpanKey, st DeliveryState) {
	if old, ok := o.states[key]; ok {
		o.counts[old]--
	}
	o.states[key] = st
	o.counts[st]++
}

// Close cancels flushes in progress and waits for them (a few seconds at
// most); queued spans stay where they are.
func (o *Outbox) Close() error {
	o.cancel()
	done := make(chan struct{})
	go func() { o.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	return nil
}

// State is where the span with key is.
func (o *Outbox) State(key SpanKey) DeliveryState {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.states[key]
}

// Counts are how many spans are in each state.
type Counts struct {
	Queued, Sending, Delivered, Failed int
}

// Pending is what a flush would send.
func (c Counts) Pending() int { return c.Queued + c.Failed }

// Undelivered is every span not yet accepted by a collector.
func (c Counts) Undelivered() int { return c.Queued + c.Sending + c.Failed }

// Counts is a snapshot of the outbox.
func (o *Outbox) Counts() Counts {
	o.mu.Lock()
	defer o.mu.Unlock()
	return Counts{Queued: o.counts[Queued], Sending: o.counts[Sending], Delivered: o.counts[Delivered], Failed: o.counts[Failed]}
}

// PendingSpans are copies of the spans a flush would send, in arrival order.
func (o *Outbox) PendingSpans() []model.SpanModel {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]model.SpanModel, 0, len(o.pending))
	for _, e := range o.pending {
		if e.state == Queued || e.state == Failed {
			out = append(out, e.span)
		}
	}
	return out
}
