package tracing

import (
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
)

// Burst replays a scenario again and again for load: each replay starts real
// zipkin-go spans with the session's tracers and finishes them, so they are
// reported to the outbox like any other, but nothing of them is kept — no
// Node, no tree row. Memory stays the same however many traces are built
// (with the outbox in Forget mode and a Stream delivering).
//
// A Burst is meant for one goroutine, like the session's span operations.
type Burst struct {
	traces []burstSpan
	extent time.Duration // when the last span of the scenario ends
	rec    *recorder
	// keep is how many more traces' reported spans go to sample.
	keep   int
	sample []model.SpanModel
}

// burstSpan is a scenario span resolved once: its tracer, kind and times,
// and what each replay would otherwise build again (the kind option, the
// tags in a slice, the error annotation's JSON).
type burstSpan struct {
	tracer      *zipkin.Tracer
	name        string
	kind        zipkin.SpanOption
	start, dur  time.Duration // relative to the trace's base
	running     bool
	debug       bool
	tags        []burstTag
	errMsg      string
	errNote     string        // ErrorAnnotation(errMsg)
	errAt       time.Duration // when errNote is annotated: the span's end, as Session.Replay does
	annotations []ScenarioAnnotation
	children    []burstSpan
}

// burstTag is one of a scenario span's tags.
type burstTag struct{ key, value string }

// BurstCounts totals what replays built.
type BurstCounts struct {
	// Traces is the number of traces started.
	Traces int
	// Spans is every span started; Reported those finished and sampled (in
	// the outbox); NotSampled those the sampler kept out; Running those the
	// scenario leaves running (never reported).
	Spans, Reported, NotSampled, Running int
}

// Add sums two counts.
func (c BurstCounts) Add(d BurstCounts) BurstCounts {
	return BurstCounts{Traces: c.Traces + d.Traces, Spans: c.Spans + d.Spans, Reported: c.Reported + d.Reported,
		NotSampled: c.NotSampled + d.NotSampled, Running: c.Running + d.Running}
}

// NewBurst prepares sc (from ParseScenario) for replays with the session's
// tracers and sampler.
func (s *Session) NewBurst(sc Scenario) (*Burst, error) {
	b := &Burst{rec: s.recorder}
	var end float64
	for _, t := range sc.Traces {
		bs, err := s.burstSpan(t)
		if err != nil {
			return nil, err
		}
		b.traces = append(b.traces, bs)
		end = max(end, t.extentMs())
	}
	b.extent = ms(end)
	return b, nil
}

func (s *Session) burstSpan(sp ScenarioSpan) (burstSpan, error) {
	service := sp.Service
	if service == "" {
		service = s.cfg.Service
	}
	tracer, err := s.tracerFor(service)
	if err != nil {
		return burstSpan{}, err
	}
	kind, _ := parseKind(sp.Kind)
	bs := burstSpan{
		tracer: tracer, name: sp.Name, kind: zipkin.Kind(kind), start: ms(sp.StartMs), dur: max(ms(sp.DurationMs), time.Microsecond),
		running: sp.Running, debug: sp.Debug, errMsg: sp.Error, annotations: sp.Annotations,
	}
	if bs.name == "" {
		bs.name = DefaultSpanName
	}
	for k, v := range sp.Tags {
		bs.tags = append(bs.tags, burstTag{k, v})
	}
	if bs.errMsg != "" {
		bs.errNote, bs.errAt = ErrorAnnotation(bs.errMsg), ms(sp.StartMs+sp.DurationMs)
	}
	for _, c := range sp.Children {
		cs, err := s.burstSpan(c)
		if err != nil {
			return burstSpan{}, err
		}
		bs.children = append(bs.children, cs)
	}
	return bs, nil
}

// KeepSample keeps the span models reported for the next n traces (for
// `send --verify`, which reads a sample of a burst back): a few traces, not
// the burst.
func (b *Burst) KeepSample(n int) { b.keep = n }

// Sample is the span models KeepSample kept, as they were sent.
func (b *Burst) Sample() []model.SpanModel { return b.sample }

// Replay builds the scenario's traces once, ending now, and appends their
// trace IDs to ids (pass nil to keep none). Finished sampled spans go to the
// outbox as zipkin-go reports them.
func (b *Burst) Replay(ids []model.TraceID) (BurstCounts, []model.TraceID) {
	base := time.Now().Add(-b.extent)
	var c BurstCounts
	for i := range b.traces {
		var sc model.SpanContext
		if b.traces[i].debug {
			sc.Debug = true
		}
		if b.keep > 0 {
			b.keep--
			b.rec.capture = func(m model.SpanModel) { b.sample = append(b.sample, m) }
		}
		tid := b.traces[i].replay(sc, base, &c)
		b.rec.capture = nil
		if ids != nil {
			ids = append(ids, tid)
		}
		c.Traces++
	}
	return c, ids
}

// replay starts the span under parent (the zero context for a root),
// replays its children and finishes it; it returns the trace ID.
func (bs *burstSpan) replay(parent model.SpanContext, base time.Time, c *BurstCounts) model.TraceID {
	opts := [3]zipkin.SpanOption{bs.kind, zipkin.StartTime(base.Add(bs.start))}
	n := 2
	if parent != (model.SpanContext{}) {
		opts[n] = zipkin.Parent(parent)
		n++
	}
	span := bs.tracer.StartSpan(bs.name, opts[:n]...)
	for _, t := range bs.tags {
		span.Tag(t.key, t.value) // the error tag is first-write-wins in zipkin-go: a tag beats Error
	}
	if bs.errMsg != "" {
		span.Tag(string(zipkin.TagError), bs.errMsg)
		span.Annotate(base.Add(bs.errAt), bs.errNote)
	}
	for _, a := range bs.annotations {
		span.Annotate(base.Add(ms(a.AtMs)), a.Value)
	}
	ctx := span.Context()
	for i := range bs.children {
		bs.children[i].replay(ctx, base, c)
	}
	c.Spans++
	sampled := ctx.Debug || (ctx.Sampled != nil && *ctx.Sampled)
	switch {
	case bs.running:
		c.Running++
	case !sampled:
		c.NotSampled++
	default:
		c.Reported++
	}
	if !bs.running {
		span.FinishedWithDuration(bs.dur)
	}
	return ctx.TraceID
}
