package tracing

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
)

// SpanOptions describe a span to start; the zero value is a span named
// DefaultSpanName of no kind (a local span) and the session's service,
// starting now. Kind is chosen by the caller for each span: the session
// keeps no "next kind".
type SpanOptions struct {
	Name    string
	Kind    *model.Kind
	Service string
	Start   time.Time
	Remote  *model.Endpoint
	Debug   bool
}

// NewTrace starts a root span of no kind.
func (s *Session) NewTrace(name string) (*Node, error) {
	return s.Start(nil, SpanOptions{Name: name})
}

// DebugTrace starts a root span with the debug flag: sampled whatever the
// sampler says (X-B3-Flags: 1).
func (s *Session) DebugTrace(name string) (*Node, error) {
	return s.Start(nil, SpanOptions{Name: name, Debug: true})
}

// Child starts a child of parent of no kind (Start takes a kind). A SERVER
// child joins its parent's span ID as a shared span, as zipkin-go does.
func (s *Session) Child(parent *Node, name string) (*Node, error) {
	if parent == nil {
		return nil, errNoSpan
	}
	return s.Start(parent, SpanOptions{Name: name})
}

// ContinueTrace starts a span whose parent is the context in pasted B3
// headers, as a server receiving them would.
func (s *Session) ContinueTrace(b3Text string, opts SpanOptions) (*Node, error) {
	sc, err := b3.ParseText(b3Text)
	if err != nil {
		return nil, err
	}
	n, err := s.start(nil, sc, opts)
	if err != nil {
		return nil, err
	}
	n.RemoteParent = sc.ID != 0 // a sampling decision alone names no parent
	return n, nil
}

// Start starts a span under parent (nil for a new trace) with opts. A SERVER
// child is only allowed under a CLIENT span that has no SERVER side yet
// (CheckChildKind).
func (s *Session) Start(parent *Node, opts SpanOptions) (*Node, error) {
	if opts.Kind != nil {
		if err := CheckChildKind(parent, *opts.Kind); err != nil {
			return nil, err
		}
	}
	var sc model.SpanContext
	if parent != nil {
		sc = parent.Context
	} else if opts.Debug {
		sc = model.SpanContext{Debug: true}
	}
	return s.start(parent, sc, opts)
}

func (s *Session) start(parent *Node, sc model.SpanContext, opts SpanOptions) (*Node, error) {
	name := strings.TrimSpace(opts.Name)
	if name == "" {
		name = DefaultSpanName
	}
	kind := model.Undetermined
	if opts.Kind != nil {
		kind = *opts.Kind
	}
	service := opts.Service
	if service == "" {
		service = s.cfg.Service
	}
	start := opts.Start
	if start.IsZero() {
		start = time.Now()
	}
	tracer, err := s.tracerFor(service)
	if err != nil {
		return nil, err
	}
	spanOpts := []zipkin.SpanOption{zipkin.Kind(kind), zipkin.StartTime(start)}
	if sc != (model.SpanContext{}) {
		spanOpts = append(spanOpts, zipkin.Parent(sc))
	}
	if opts.Remote != nil {
		spanOpts = append(spanOpts, zipkin.RemoteEndpoint(opts.Remote))
	}
	span := tracer.StartSpan(name, spanOpts...)
	ctx := span.Context()
	shared := sc.ID != 0 && ctx.ID == sc.ID // zipkin-go joined the parent's span
	n := &Node{
		Key:            outbox.SpanKey{TraceID: ctx.TraceID, ID: ctx.ID, Shared: shared},
		Name:           name,
		Service:        service,
		Kind:           kind,
		Context:        ctx,
		Start:          start,
		Tags:           map[string]string{},
		LocalEndpoint:  tracer.LocalEndpoint(),
		RemoteEndpoint: opts.Remote,
		span:           span,
	}
	n.SamplerReason = s.samplerReason(parent, sc, ctx)
	if parent == nil {
		s.tree.addRoot(n)
	} else {
		s.tree.addChild(parent, n)
	}
	return n, nil
}

func (s *Session) samplerReason(parent *Node, sc, ctx model.SpanContext) string {
	switch {
	case ctx.Debug && parent == nil && sc.TraceID.Empty():
		return "debug trace: X-B3-Flags: 1 forces sampling, the sampler is not asked"
	case ctx.Debug:
		return "debug flag inherited from the parent: always reported"
	case parent != nil:
		return "inherited from the parent span: a trace is sampled once, at its root"
	case !sc.TraceID.Empty() && sc.Sampled != nil:
		return fmt.Sprintf("inherited from the B3 headers (sampled=%v): the caller decided", *sc.Sampled)
	}
	sampled := ctx.Sampled != nil && *ctx.Sampled
	return s.sampler.Explain(ctx.TraceID.Low, sampled)
}

// tracerFor returns the zipkin.Tracer for a service, built with the current
// sampler, the local endpoint and the trace ID width.
func (s *Session) tracerFor(service string) (*zipkin.Tracer, error) {
	if t, ok := s.tracers[service]; ok {
		return t, nil
	}
	local, err := zipkin.NewEndpoint(service, s.cfg.IP)
	if err != nil {
		return nil, fmt.Errorf("--ip %q: %v", s.cfg.IP, err)
	}
	t, err := zipkin.NewTracer(s.recorder,
		zipkin.WithLocalEndpoint(local),
		zipkin.WithSampler(s.sampler.Sample),
		zipkin.WithTraceID128Bit(s.cfg.TraceID128),
	)
	if err != nil {
		return nil, err
	}
	s.tracers[service] = t
	return t, nil
}

// Finish ends the span now; a sampled span is queued in the outbox.
func (s *Session) Finish(n *Node) error {
	if n == nil {
		return errNoSpan
	}
	return s.FinishWithDuration(n, time.Since(n.Start))
}

// FinishWithDuration ends the span with a given duration (scenario replay).
func (s *Session) FinishWithDuration(n *Node, d time.Duration) error {
	if n == nil {
		return errNoSpan
	}
	if n.Finished {
		return errFinished
	}
	if d < time.Microsecond {
		d = time.Microsecond
	}
	n.Finished = true
	s.tree.finished(n)
	n.Duration = d
	s.recorder.capture = func(m model.SpanModel) { n.Reported = &m }
	n.span.FinishedWithDuration(d) // an unsampled span is not reported: Reported stays nil
	s.recorder.capture = nil
	return nil
}

// Tag sets a tag. The error tag is first-write-wins, as in zipkin-go.
func (s *Session) Tag(n *Node, key, value string) error {
	if err := editable(n); err != nil {
		return err
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return errEmptyTagKey
	}
	n.span.Tag(key, value)
	if _, set := n.Tags[key]; key == string(zipkin.TagError) && set {
		return nil
	}
	n.Tags[key] = value
	return nil
}

// ErrorAnnotation is the seed's annotation value for an error message.
func ErrorAnnotation(msg string) string {
	b, _ := json.Marshal(struct {
		Event string `json:"event"`
		Stack string `json:"stack"`
	}{"error", msg})
	return string(b)
}

// Error marks the span failed: tag error=<msg> and the seed's JSON annotation.
func (s *Session) Error(n *Node, msg string) error { return s.ErrorAt(n, time.Now(), msg) }

// ErrorAt is Error with its annotation at a given time (scenario replay).
func (s *Session) ErrorAt(n *Node, at time.Time, msg string) error {
	if err := editable(n); err != nil {
		return err
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		msg = "error"
	}
	if err := s.Tag(n, string(zipkin.TagError), msg); err != nil {
		return err
	}
	return s.annotate(n, at, ErrorAnnotation(msg))
}

// Annotate adds a timestamped event.
func (s *Session) Annotate(n *Node, value string) error {
	if err := editable(n); err != nil {
		return err
	}
	if strings.TrimSpace(value) == "" {
		return errEmptyAnnotation
	}
	return s.annotate(n, time.Now(), value)
}

// AnnotateAt adds an event at a given time (scenario replay).
func (s *Session) AnnotateAt(n *Node, at time.Time, value string) error {
	if err := editable(n); err != nil {
		return err
	}
	return s.annotate(n, at, value)
}

func (s *Session) annotate(n *Node, at time.Time, value string) error {
	n.span.Annotate(at, value)
	n.Annotations = append(n.Annotations, model.Annotation{Timestamp: at, Value: value})
	return nil
}

func editable(n *Node) error {
	if n == nil {
		return errNoSpan
	}
	if n.Finished {
		return fmt.Errorf("%w: zipkin-go reported it at Finish, later changes are not sent", errFinished)
	}
	return nil
}
