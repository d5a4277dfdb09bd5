package tracing

import (
	"errors"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// Errors the span operations return; the UI shows them as messages.
var (
	errFinished        = errors.New("the span is already finished")
	errNoSpan          = errors.New("no span selected")
	errEmptyTagKey     = errors.New("a tag needs a key: key=value")
	errEmptyAnnotation = errors.New("an annotation needs a value")
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
	endpoint secret.Endpoint
	masker   *secret.Masker
	sampler  *Sampler
	tracers  map[string]*zipkin.Tracer // by service name; rebuilt with the sampler
	outbox   *outbox.Outbox
	receiver *receiver.Receiver
	tree     Tree
	recorder *recorder
	// retiredHeaders are headers removed by Reconfigure: their values stay
	// masked, since text already shown may quote them.
	retiredHeaders []secret.Header
}

// recorder is the tracers' reporter: it queues each span model zipkin-go
// reports in the outbox, and hands the same model to capture.
//
// capture is the one channel between the reporter and Session.Finish:
// zipkin-go reports a span synchronously inside Span.Finish, so Finish sets
// capture for the duration of that call and the node keeps exactly the model
// that is sent (export and the payload preview show it). It is nil otherwise.
type recorder struct {
	outbox  *outbox.Outbox
	capture func(model.SpanModel)
	drop    bool // set while Discard finishes a span nobody will see
}

// Send is zipkin-go's reporter.Reporter.Send.
func (r *recorder) Send(m model.SpanModel) {
	if r.capture != nil {
		r.capture(m)
	}
	if !r.drop {
		r.outbox.Send(m)
	}
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
	opts, err := outboxOptionsFor(cfg)
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, sampler: sampler, tracers: map[string]*zipkin.Tracer{}}
	s.outbox = outbox.New(opts)
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
func (s *Session) Endpoint() secret.Endpoint { return s.endpoint }

// Masker hides the session's secrets (endpoint and header values).
func (s *Session) Masker() *secret.Masker { return s.masker }

// Outbox holds the finished sampled spans until a 2xx.
func (s *Session) Outbox() *outbox.Outbox { return s.outbox }

// Receiver is the embedded receiver, nil when the endpoint is remote and it
// was never started.
func (s *Session) Receiver() *receiver.Receiver { return s.receiver }

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
	var ep secret.Endpoint
	if secret.IsLocalSpec(raw) {
		if s.receiver == nil {
			r, err := receiver.Start(s.cfg.Listen, receiver.MaxSpans(s.cfg.MaxSpans), receiver.MaxBytes(s.cfg.MaxBytes))
			if err != nil {
				return err
			}
			s.receiver = r
		}
		ep = s.receiver.Endpoint()
	} else {
		var err error
		if ep, err = secret.ParseEndpoint(raw); err != nil {
			return err
		}
	}
	// The path picks its default encoding, since collectors misread v2 sent
	// to /api/v1/spans: /api/v1/spans gets v1 JSON, any other path v2 JSON.
	// Any other encoding (proto) is always a choice someone made, and refused
	// on a path that does not take it.
	enc, _, err := EncodingFor(raw, s.cfg.Encoding, !isPathDefault(s.cfg.Encoding))
	if err != nil {
		return err
	}
	s.endpoint = ep
	s.cfg.Endpoint = raw
	s.masker = secret.NewMasker(ep, s.maskedHeaders())
	s.outbox.SetEndpoint(ep, s.masker)
	s.outbox.SetEncoding(enc)
	return nil
}

// UseReceiver adopts r, an embedded receiver the caller started (a UI starts
// it in a background command so no socket is opened on its event loop), and
// points the outbox at it. When the session already has a receiver, r is
// closed and the existing one is used.
func (s *Session) UseReceiver(r *receiver.Receiver) error {
	if s.receiver == nil {
		s.receiver = r
	} else if r != s.receiver {
		_ = r.Close()
	}
	return s.SetEndpoint("local")
}
