package tracing

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
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

// ErrFlushCancelled is the error of a batch not sent because the flush was
// cancelled; its spans are queued again.
var ErrFlushCancelled = errors.New("flush cancelled before this batch was sent")

// maxServerMessage is how much of a server's answer a DeliveryResult keeps.
const maxServerMessage = 512

// defaultInFlight is how many POSTs a flush keeps in flight at once.
const defaultInFlight = 4

// OutboxOptions configure delivery.
type OutboxOptions struct {
	Encoding Encoding
	Headers  []Header
	Timeout  time.Duration
	Batch    int
	// InFlight is the number of concurrent POSTs (default 4).
	InFlight int
	// Client is the HTTP client (default: a client with its own transport).
	Client *http.Client
}

// Outbox is a zipkin-go reporter.Reporter that keeps every finished sampled
// span until a collector answers 2xx for it. Nothing is ever dropped: failed
// batches stay queued for the next flush. Safe for concurrent use.
type Outbox struct {
	opts       OutboxOptions
	serializer reporter.SpanSerializer

	mu       sync.Mutex
	endpoint Endpoint
	masker   *Masker
	pending  []*outboxEntry // queued, sending or failed, in arrival order
	states   map[SpanKey]DeliveryState
	counts   [5]int
	flushes  int

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type outboxEntry struct {
	key   SpanKey
	span  model.SpanModel
	state DeliveryState
}

var _ reporter.Reporter = (*Outbox)(nil)

// NewOutbox makes an empty outbox; SetEndpoint tells it where to deliver.
func NewOutbox(opts OutboxOptions) *Outbox {
	if opts.Batch < 1 {
		opts.Batch = 100
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.InFlight < 1 {
		opts.InFlight = defaultInFlight
	}
	if opts.Client == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = opts.InFlight
		opts.Client = &http.Client{Transport: t}
	}
	if opts.Encoding == "" {
		opts.Encoding = EncodingJSON
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Outbox{
		opts:       opts,
		serializer: opts.Encoding.Serializer(),
		states:     map[SpanKey]DeliveryState{},
		ctx:        ctx,
		cancel:     cancel,
	}
}

// SetEndpoint changes where the next batches go; masker hides its secrets in
// every result.
func (o *Outbox) SetEndpoint(ep Endpoint, masker *Masker) {
	o.mu.Lock()
	o.endpoint, o.masker = ep, masker
	o.mu.Unlock()
}

// Send queues a finished span (zipkin-go calls it from Span.Finish). It never
// blocks on the network and never drops.
func (o *Outbox) Send(s model.SpanModel) {
	key := KeyOf(s)
	o.mu.Lock()
	o.pending = append(o.pending, &outboxEntry{key: key, span: s, state: Queued})
	o.setState(key, Queued)
	o.mu.Unlock()
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

// OutboxCounts are how many spans are in each state.
type OutboxCounts struct {
	Queued, Sending, Delivered, Failed int
}

// Pending is what a flush would send.
func (c OutboxCounts) Pending() int { return c.Queued + c.Failed }

// Undelivered is every span not yet accepted by a collector.
func (c OutboxCounts) Undelivered() int { return c.Queued + c.Sending + c.Failed }

// Counts is a snapshot of the outbox.
func (o *Outbox) Counts() OutboxCounts {
	o.mu.Lock()
	defer o.mu.Unlock()
	return OutboxCounts{Queued: o.counts[Queued], Sending: o.counts[Sending], Delivered: o.counts[Delivered], Failed: o.counts[Failed]}
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
// goroutine). A span leaves the outbox only on a 2xx; the rest stay queued.
// Cancelling ctx stops new batches; their spans are queued again.
func (o *Outbox) Flush(ctx context.Context, onResult func(DeliveryResult)) FlushSummary {
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
	done := make([]chan DeliveryResult, len(batches))
	for i := range done {
		done[i] = make(chan DeliveryResult, 1)
	}
	go func() {
		sem := make(chan struct{}, o.opts.InFlight)
		for i, b := range batches {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				done[i] <- target.cancelled(i, len(batches), b)
				continue
			}
			go func(i int, b []*outboxEntry) {
				defer func() { <-sem }()
				done[i] <- target.post(ctx, i, len(batches), b)
			}(i, b)
		}
	}()
	for i := range batches {
		r := <-done[i]
		o.settle(batches[i], r)
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
	o.compact()
	sum.Elapsed = time.Since(start)
	return sum
}

// deliveryTarget is what one flush needs, copied under the lock.
type deliveryTarget struct {
	flush      int
	endpoint   Endpoint
	masker     *Masker
	headers    []Header
	serializer reporter.SpanSerializer
	client     *http.Client
	timeout    time.Duration
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
		e.state = Sending
		o.setState(e.key, Sending)
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
		serializer: o.serializer, client: o.opts.Client, timeout: o.opts.Timeout,
	}
}

// Probe POSTs an empty span list (what `check` does) and classifies the
// answer. Nothing in the outbox changes.
func (o *Outbox) Probe(ctx context.Context) DeliveryResult {
	o.mu.Lock()
	t := o.targetLocked()
	o.mu.Unlock()
	return t.post(ctx, 0, 1, nil)
}

// settle records a batch's outcome: delivered spans leave the outbox, the
// others stay (failed, or queued again after a cancel).
func (o *Outbox) settle(batch []*outboxEntry, r DeliveryResult) {
	st := Failed
	switch {
	case r.OK():
		st = Delivered
	case errors.Is(r.Err, ErrFlushCancelled) || r.Class == ClassCancelled:
		st = Queued
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, e := range batch {
		e.state = st
		o.setState(e.key, st)
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

func keysOf(batch []*outboxEntry) []SpanKey {
	keys := make([]SpanKey, len(batch))
	for i, e := range batch {
		keys[i] = e.key
	}
	return keys
}

func (t deliveryTarget) cancelled(i, n int, batch []*outboxEntry) DeliveryResult {
	return DeliveryResult{
		Flush: t.flush, Batch: i + 1, Batches: n, Keys: keysOf(batch), Spans: len(batch),
		At: time.Now(), Err: ErrFlushCancelled, Class: ClassCancelled, Hint: hintFor(ClassCancelled),
	}
}

// post serializes one batch with zipkin-go's serializer and POSTs it with the
// headers zipkin-go's HTTP reporter sends, plus the user's.
func (t deliveryTarget) post(ctx context.Context, i, n int, batch []*outboxEntry) DeliveryResult {
	r := DeliveryResult{Flush: t.flush, Batch: i + 1, Batches: n, Keys: keysOf(batch), Spans: len(batch), At: time.Now()}
	spans := make([]*model.SpanModel, len(batch))
	for j, e := range batch {
		spans[j] = &e.span
	}
	body, err := t.serializer.Serialize(spans)
	if err != nil {
		r.Err, r.Class = err, ClassSerialize
		r.Hint = hintFor(r.Class)
		return r
	}
	r.Bytes = len(body)
	if t.endpoint.URL() == nil {
		r.Err, r.Class = ErrMalformedEndpoint, ClassMalformedURL
		r.Hint = hintFor(r.Class)
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.endpoint.String(), bytes.NewReader(body))
	if err != nil {
		r.Err, r.Class = errors.New(t.masker.Mask(err.Error())), ClassMalformedURL
		r.Hint = hintFor(r.Class)
		return r
	}
	req.Header.Set("b3", "0")
	req.Header.Set("Content-Type", t.serializer.ContentType())
	for _, h := range t.headers {
		req.Header.Set(h.Name, h.Value)
	}
	began := time.Now()
	resp, err := t.client.Do(req)
	if err != nil {
		r.Latency = time.Since(began)
		r.Class = ClassifyError(err)
		r.Err = errors.New(t.masker.Mask(err.Error()))
		r.Hint = hintFor(r.Class)
		return r
	}
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, maxServerMessage))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // let the connection be reused
	_ = resp.Body.Close()
	r.Latency = time.Since(began)
	r.Status = resp.StatusCode
	r.Message = t.masker.Mask(string(bytes.TrimSpace(msg)))
	r.Class = ClassifyStatus(resp.StatusCode, r.Message)
	r.Hint = hintFor(r.Class)
	return r
}

// mergeCancel is ctx, also cancelled when other is.
func mergeCancel(ctx, other context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(other, cancel)
	return ctx, func() { stop(); cancel() }
}
