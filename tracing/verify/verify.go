package verify

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// State is what a backend made of a delivered span or trace.
type State string

// Verification states: a span accepted with a 2xx is only verified once
// read back, because collectors may drop or rewrite what they accept.
const (
	// StateVerified: read back from the query API exactly as sent.
	StateVerified State = "verified"
	// StateChanged: read back, but stored differently; each difference is
	// listed with its reason.
	StateChanged State = "changed"
	// StateMissing: accepted (2xx) but not found, or fewer spans than were
	// delivered, when the verify timeout ran out.
	StateMissing State = "missing"
)

// defaultVerifyTimeout is how long verification polls when not told.
const defaultVerifyTimeout = 10 * time.Second

// Poll backoff: storage is asynchronous (Jaeger writes within a few hundred
// ms), so the first look is soon and later ones space out.
const (
	defaultFirstPoll = 50 * time.Millisecond
	defaultMaxPoll   = time.Second
	defaultParallel  = 4
)

// Options tune a Verifier. The zero value polls for 10s.
type Options struct {
	// Timeout is how long to keep polling for a trace (Config.VerifyTimeout).
	Timeout time.Duration
	// Encoding is how the spans were sent; it explains differences the
	// serializer made (JSON lowercases names, rounds µs differently).
	Encoding outbox.Encoding
	// FirstPoll and MaxPoll bound the backoff between polls (50ms, doubling,
	// up to 1s by default).
	FirstPoll, MaxPoll time.Duration
	// Parallel is how many GETs run at once (default 4).
	Parallel int
	// Now and Sleep stand in for the clock in tests; Sleep returns early with
	// ctx's error.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = defaultVerifyTimeout
	}
	if o.FirstPoll <= 0 {
		o.FirstPoll = defaultFirstPoll
	}
	if o.MaxPoll < o.FirstPoll {
		o.MaxPoll = max(defaultMaxPoll, o.FirstPoll)
	}
	if o.Parallel < 1 {
		o.Parallel = defaultParallel
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = outbox.SleepCtx
	}
	return o
}

// Verifier reads delivered traces back from a query API and compares them
// with what was sent.
type Verifier struct {
	api  QueryAPI
	opts Options
}

// NewVerifier verifies against api.
func NewVerifier(api QueryAPI, opts Options) *Verifier {
	return &Verifier{api: api, opts: opts.withDefaults()}
}

// Report is the outcome of one verification.
type Report struct {
	// Query is the query API's masked base URL, Kind which API it is.
	Query string `json:"query"`
	Kind  string `json:"queryApi"`
	// Verified counts the spans read back intact.
	Verified int           `json:"verified"`
	Traces   []TraceReport `json:"traces"`
	// Timeout is how long a trace was polled for at most.
	Timeout time.Duration `json:"-"`
	Elapsed time.Duration `json:"-"`
}

// Missing counts the traces not found (or found short) in time: `send
// --verify` fails when it is not zero.
func (r Report) Missing() int {
	n := 0
	for _, t := range r.Traces {
		if t.State == StateMissing {
			n++
		}
	}
	return n
}

// Span is the check of one sent span, nil when it was not verified here.
func (r Report) Span(key outbox.SpanKey) *SpanCheck {
	for i := range r.Traces {
		if r.Traces[i].ID != key.TraceID {
			continue
		}
		for j := range r.Traces[i].Checks {
			if r.Traces[i].Checks[j].Key == key {
				return &r.Traces[i].Checks[j]
			}
		}
	}
	return nil
}

// poll is one trace's progress while polling.
type poll struct {
	id      model.TraceID
	sent    []model.SpanModel
	enc     outbox.Encoding
	stored  []model.SpanModel
	found   bool
	elapsed time.Duration
	polls   int
	err     error
}

// Verify polls until every span sent of each trace is found in it (other
// services' spans in the trace do not count), or the timeout runs out, then
// compares span by span.
// Traces are reported in the order their first span appears in spans.
func (v *Verifier) Verify(ctx context.Context, spans []model.SpanModel) Report {
	start := v.opts.Now()
	polls := groupPolls(spans, v.opts.Encoding)
	pending := append([]*poll(nil), polls...)
	wait := v.opts.FirstPoll
	for len(pending) > 0 && ctx.Err() == nil {
		v.round(ctx, pending, start)
		pending = stillPending(pending)
		left := v.opts.Timeout - v.opts.Now().Sub(start)
		if len(pending) == 0 || left <= 0 {
			break
		}
		if v.opts.Sleep(ctx, min(wait, left)) != nil {
			break
		}
		wait = min(wait*2, v.opts.MaxPoll)
	}
	rep := Report{Query: v.api.Masked(), Kind: v.api.Kind(), Timeout: v.opts.Timeout}
	for _, p := range polls {
		t := compareTrace(p.sent, p.stored, v.api.Kind(), v.opts.Encoding)
		t.Polls, t.Elapsed, t.Stored = p.polls, p.elapsed, p.stored
		t.ReadBackMs = float64(p.elapsed.Microseconds()) / 1000
		if !p.found && p.err != nil {
			t.Error = p.err.Error()
		}
		if !p.found && ctx.Err() != nil && t.Error == "" {
			t.Error = "verification cancelled: " + ctx.Err().Error()
		}
		rep.Verified += t.intact()
		rep.Traces = append(rep.Traces, t)
	}
	rep.Elapsed = v.opts.Now().Sub(start)
	return rep
}

// round GETs every pending trace once, a few at a time.
func (v *Verifier) round(ctx context.Context, pending []*poll, start time.Time) {
	sem := make(chan struct{}, v.opts.Parallel)
	var wg sync.WaitGroup
	for _, p := range pending {
		wg.Add(1)
		sem <- struct{}{}
		go func(p *poll) {
			defer func() { <-sem; wg.Done() }()
			stored, err := v.api.Trace(ctx, p.id)
			p.polls++
			p.err = err
			if err != nil {
				return
			}
			p.stored = stored
			if allStored(p.sent, stored, p.enc) {
				p.found, p.elapsed = true, v.opts.Now().Sub(start)
			}
		}(p)
	}
	wg.Wait()
}

func stillPending(ps []*poll) []*poll {
	out := ps[:0]
	for _, p := range ps {
		if !p.found {
			out = append(out, p)
		}
	}
	return out
}

// groupPolls groups spans by trace, in order of first appearance.
func groupPolls(spans []model.SpanModel, enc outbox.Encoding) []*poll {
	var out []*poll
	byID := map[model.TraceID]*poll{}
	for _, s := range spans {
		p, ok := byID[s.TraceID]
		if !ok {
			p = &poll{id: s.TraceID, enc: enc}
			byID[s.TraceID] = p
			out = append(out, p)
		}
		p.sent = append(p.sent, s)
	}
	return out
}

// Summary is the trace's line in `send --verify`: "verified 4/4 spans in
// 180ms", "changed: 4/4 spans stored, 3 differences" or "missing after 10s".
func (t TraceReport) Summary(timeout time.Duration) string {
	switch t.State {
	case StateVerified:
		return fmt.Sprintf("verified %d/%d spans in %s", t.Found, t.Spans, outbox.FormatLatency(t.Elapsed))
	case StateChanged:
		return fmt.Sprintf("changed: %d/%d spans stored, %d %s (read back in %s)",
			t.Found, t.Spans, len(t.Differences), plural(len(t.Differences), "difference"), outbox.FormatLatency(t.Elapsed))
	}
	s := fmt.Sprintf("missing after %s", timeout)
	if t.Found > 0 {
		s += fmt.Sprintf(": found %d/%d spans", t.Found, t.Spans)
	}
	if t.Error != "" {
		s += " (last answer: " + secret.Sanitize(t.Error) + ")" // a server's words: never raw on a terminal
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// DeliveredSpans are the spans of the session's tree a collector accepted
// (2xx), in tree order: what verification reads back.
func DeliveredSpans(s *tracing.Session) []model.SpanModel {
	var out []model.SpanModel
	for _, n := range s.Tree().Nodes() {
		if n.Reported != nil && s.Outbox().State(n.Key) == outbox.Delivered {
			out = append(out, *n.Reported)
		}
	}
	return out
}
