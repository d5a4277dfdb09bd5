package tracing

import (
	"fmt"
	"slices"
	"strings"

	zipkin "github.com/openzipkin/zipkin-go"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// Reconfigure changes the live session's settings, as an options screen
// does: change edits a copy of the configuration, the copy is checked as
// NewSession checks the flags (Config.Validate, errors naming the setting),
// and only then applied. On error nothing changes.
//
// What changes, and from when:
//   - Encoding: the next flush serializes with it. It is checked against the
//     endpoint's path as the flag is (EncodingFor), the embedded receiver and
//     an unknown path counting as /api/v2/spans: v2 encodings are refused on
//     /api/v1/spans, and v1 anywhere else.
//   - TraceID128, Service, IP: traces started from now on; spans already
//     started keep their IDs (children inherit their trace's ID).
//   - Headers: the next POST carries them; their values are masked from now
//     on, and so are the values of headers removed earlier (old log lines may
//     quote them).
//   - Batch, Timeout: the next flush. Retries, Query, VerifyTimeout: stored
//     for the interface's flushes and verification.
//
// The endpoint and sampler have their own setters (SetEndpoint, SetSampler);
// the listen address, span budget and TLS settings are fixed when the
// session starts. Changing any of them here is an error.
func (s *Session) Reconfigure(change func(*Config)) error {
	next := s.cfg
	next.Headers = slices.Clone(s.cfg.Headers)
	change(&next)
	if err := s.checkFixed(next); err != nil {
		return err
	}
	if err := next.Validate(); err != nil {
		return err
	}
	enc, err := s.encodingFor(next.Encoding)
	if err != nil {
		return err
	}
	old := s.cfg
	s.cfg = next
	s.outbox.SetEncoding(enc)
	s.outbox.SetLimits(next.Batch, next.Timeout)
	s.outbox.SetGzip(next.Gzip)
	if !slices.Equal(old.Headers, next.Headers) {
		for _, h := range old.Headers {
			if !slices.Contains(next.Headers, h) {
				s.retiredHeaders = append(s.retiredHeaders, h)
			}
		}
		s.masker = secret.NewMasker(s.endpoint, s.maskedHeaders())
		s.outbox.SetHeaders(next.Headers)
		s.outbox.SetEndpoint(s.endpoint, s.masker)
	}
	if old.TraceID128 != next.TraceID128 || old.IP != next.IP {
		s.tracers = map[string]*zipkin.Tracer{} // rebuilt by tracerFor
	}
	return nil
}

// maskedHeaders are the headers whose values the masker hides: the current
// ones and every one removed since the session started.
func (s *Session) maskedHeaders() []secret.Header {
	return append(slices.Clone(s.cfg.Headers), s.retiredHeaders...)
}

// encodingFor is the encoding the outbox uses when enc is chosen: the current
// one when enc is what the outbox already sends, else enc if the endpoint's
// path takes it (the embedded receiver's, or the default's for a path that is
// no collector's).
func (s *Session) encodingFor(enc outbox.Encoding) (outbox.Encoding, error) {
	current, fallback := s.outbox.Encoding(), wire.SendCodecs()[0]
	if enc == current || (enc == "" && current == fallback.Name) {
		return current, nil
	}
	raw := s.cfg.Endpoint
	if c, path := enc.Codec(), SpansPath(raw); path == "" && !c.Accepts(fallback.Paths[0]) {
		return "", configErr(FieldEncoding, "%s is %s, which only %s takes; this endpoint takes Zipkin v%d (%s)",
			c.Name, c.Title, strings.Join(c.Paths, " and "), fallback.Version, wire.EncodingNames(wire.ForPath(fallback.Paths[0])))
	}
	chosen, _, err := EncodingFor(raw, enc, true)
	return chosen, err
}

// checkFixed refuses a change to a setting that Reconfigure does not apply.
func (s *Session) checkFixed(next Config) error {
	cur := s.cfg
	fixed := []struct {
		changed bool
		what    string
	}{
		{next.Endpoint != cur.Endpoint, "the endpoint changes with SetEndpoint"},
		{next.Sampler != cur.Sampler, "the sampler changes with SetSampler"},
		{next.Listen != cur.Listen, "the listen address is fixed once the receiver runs"},
		{next.MaxSpans != cur.MaxSpans, "the span budget is fixed once the receiver runs"},
		{next.MaxBytes != cur.MaxBytes, "the byte budget is fixed once the receiver runs"},
		{next.CACert != cur.CACert || next.Insecure != cur.Insecure, "TLS settings are fixed when the session starts"},
		{next.Shop != cur.Shop, "the demo shop starts with the playground or on the first call to it"},
	}
	for _, f := range fixed {
		if f.changed {
			return fmt.Errorf("cannot change this while the session runs: %s", f.what)
		}
	}
	return nil
}

// outboxOptionsFor is the delivery part of a configuration; it fails when
// the CA certificate file cannot be used.
func outboxOptionsFor(cfg Config) (outbox.Options, error) {
	opts := outbox.Options{
		Encoding: cfg.Encoding,
		Headers:  cfg.Headers,
		Timeout:  cfg.Timeout,
		Batch:    cfg.Batch,
		Insecure: cfg.Insecure,
		Gzip:     cfg.Gzip,
	}
	co, err := ClientOptionsFor(cfg) // the same trust as verification's client
	opts.RootCAs = co.RootCAs
	return opts, err
}
