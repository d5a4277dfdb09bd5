package tracing

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
)

// Errors the span operations return; the UI shows them as messages.
var (
	ErrFinished        = errors.New("the span is already finished")
	ErrNoSpan          = errors.New("no span selected")
	ErrEmptyTagKey     = errors.New("a tag needs a key: key=value")
	ErrEmptyAnnotation = errors.New("an annotation needs a value")
)

// DefaultSpanName is the name used when a prompt is left empty.
const DefaultSpanName = "operation"

// Session is one playground: configuration, zipkin-go tracers, the span tree,
// the outbox and (for the local endpoint) the embedded receiver.
//
// The span operations are meant for one goroutine (the UI's Update, or a
// headless command); the Outbox and Receiver are safe for concurrent use.
type Session struct {
	cfg      Config
	endpoint Endpoint
	masker   *Masker
	sampler  *Sampler
	tracers  map[string]*zipkin.Tracer // by service name; rebuilt with the sampler
	outbox   *Outbox
	receiver *Receiver
	tree     Tree
	recorder *recorder
	// retiredHeaders are headers removed by Reconfigure: their values stay
	// masked, since text already shown may quote them.
	retiredHeaders []Header
}

// recorder is the tracers' reporter: it queues each span model zipkin-go
// reports in the outbox, and hands the same model to capture.
//
// capture is the one channel between the reporter and Session.Finish:
// zipkin-go reports a span synchronously inside Span.Finish, so Finish sets
// capture for the duration of that call and the node keeps exactly the model
// that is sent (export and the payload preview show it). It is nil otherwise.
type recorder struct {
	outbox  *Outbox
	capture func(model.SpanModel)
}

// Send is zipkin-go's reporter.Reporter.Send.
func (r *recorder) Send(m model.SpanModel) {
	if r.capture != nil {
		r.capture(m)
	}
	r.outbox.Send(m)
}

// Close is zipkin-go's reporter.Reporter.Close: the outbox outlives tracers.
func (r *recorder) Close() error { return nil }

// NewSession validates cfg, starts the embedded receiver when the endpoint is
// local, and builds the tracer.
func NewSession(cfg Config) (*Session, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	sampler, err := NewSampler(cfg.Sampler)
	if err != nil {
		return nil, err
	}
	opts, err := OutboxOptionsFor(cfg)
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, sampler: sampler, tracers: map[string]*zipkin.Tracer{}}
	s.outbox = NewOutbox(opts)
	s.recorder = &recorder{outbox: s.outbox}
	if err := s.SetEndpoint(cfg.Endpoint); err != nil {
		return nil, err
	}
	return s, nil
}

// Close stops the outbox's flushes and the embedded receiver.
func (s *Session) Close() error {
	err := s.outbox.Close()
	if s.receiver != nil {
		err = errors.Join(err, s.receiver.Close())
	}
	return err
}

// Config is the session's current configuration.
func (s *Session) Config() Config { return s.cfg }

// Endpoint is where the outbox delivers.
func (s *Session) Endpoint() Endpoint { return s.endpoint }

// Masker hides the session's secrets (endpoint and header values).
func (s *Session) Masker() *Masker { return s.masker }

// Outbox holds the finished sampled spans until a 2xx.
func (s *Session) Outbox() *Outbox { return s.outbox }

// Receiver is the embedded receiver, nil when the endpoint is remote and it
// was never started.
func (s *Session) Receiver() *Receiver { return s.receiver }

// Tree is every span built so far.
func (s *Session) Tree() *Tree { return &s.tree }

// SetSampler makes new traces use spec. Spans already started keep the
// decision their trace got.
func (s *Session) SetSampler(spec SamplerSpec) error {
	sampler, err := NewSampler(spec)
	if err != nil {
		return err
	}
	s.sampler = sampler
	s.cfg.Sampler = spec
	s.tracers = map[string]*zipkin.Tracer{}
	return nil
}

// SetEndpoint points the outbox at raw ("" or "local" for the embedded
// receiver, started on first use). Queued and failed spans go to the new
// endpoint on the next flush. On error nothing changes.
func (s *Session) SetEndpoint(raw string) error {
	var ep Endpoint
	if IsLocalSpec(raw) {
		if s.receiver == nil {
			r, err := StartReceiver(s.cfg.Listen, ReceiverOptions{MaxSpans: s.cfg.MaxSpans})
			if err != nil {
				return err
			}
			s.receiver = r
		}
		ep = s.receiver.Endpoint()
	} else {
		var err error
		if ep, err = ParseEndpoint(raw); err != nil {
			return err
		}
	}
	// The path picks between the JSON encodings (rule 9): /api/v1/spans gets
	// v1 JSON, any other path v2 JSON. proto is always a choice someone made,
	// and refused on a v1 path.
	enc, _, err := EncodingFor(raw, s.cfg.Encoding, s.cfg.Encoding == EncodingProto)
	if err != nil {
		return err
	}
	s.endpoint = ep
	s.cfg.Endpoint = raw
	s.masker = NewMasker(ep, s.maskedHeaders())
	s.outbox.SetEndpoint(ep, s.masker)
	s.outbox.SetEncoding(enc)
	return nil
}

// UseReceiver adopts r, an embedded receiver the caller started (a UI starts
// it in a background command so no socket is opened on its event loop), and
// points the outbox at it. When the session already has a receiver, r is
// closed and the existing one is used.
func (s *Session) UseReceiver(r *Receiver) error {
	if s.receiver == nil {
		s.receiver = r
	} else if r != s.receiver {
		_ = r.Close()
	}
	return s.SetEndpoint("local")
}

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
		return nil, ErrNoSpan
	}
	return s.Start(parent, SpanOptions{Name: name})
}

// ContinueTrace starts a span whose parent is the context in pasted B3
// headers, as a server receiving them would.
func (s *Session) ContinueTrace(b3Text string, opts SpanOptions) (*Node, error) {
	sc, err := ParseB3Text(b3Text)
	if err != nil {
		return nil, err
	}
	n, err := s.start(nil, sc, opts)
	if err != nil {
		return nil, err
	}
	n.RemoteParent = true
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
		Key:            SpanKey{TraceID: ctx.TraceID, ID: ctx.ID, Shared: shared},
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
		return ErrNoSpan
	}
	return s.FinishWithDuration(n, time.Since(n.Start))
}

// FinishWithDuration ends the span with a given duration (scenario replay).
func (s *Session) FinishWithDuration(n *Node, d time.Duration) error {
	if n == nil {
		return ErrNoSpan
	}
	if n.Finished {
		return ErrFinished
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
		return ErrEmptyTagKey
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
func (s *Session) Error(n *Node, msg string) error {
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
	return s.annotate(n, time.Now(), ErrorAnnotation(msg))
}

// Annotate adds a timestamped event.
func (s *Session) Annotate(n *Node, value string) error {
	if err := editable(n); err != nil {
		return err
	}
	if strings.TrimSpace(value) == "" {
		return ErrEmptyAnnotation
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
		return ErrNoSpan
	}
	if n.Finished {
		return fmt.Errorf("%w: zipkin-go reported it at Finish, later changes are not sent", ErrFinished)
	}
	return nil
}
