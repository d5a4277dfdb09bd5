package component

import (
	"fmt"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/verify"
)

// sentTo remembers which endpoint each delivered span went to, so that a
// trace is read back from the backend it was delivered to: after the
// endpoint changes, V does not ask the new backend for traces it never got
// (they would all read "missing").
type sentTo struct {
	byKey map[outbox.SpanKey]string  // span → its endpoint's identity
	eps   map[string]secret.Endpoint // identity → the endpoint
}

// endpointID tells endpoints apart by their full (unmasked) URL; it is never
// shown.
func endpointID(ep secret.Endpoint) string { return fmt.Sprintf("%t %s", ep.Local, ep.String()) }

// record notes where a batch that arrived (2xx) was delivered.
func (s sentTo) record(msg FlushResultMsg) {
	if !msg.Result.OK() {
		return
	}
	id := endpointID(msg.target)
	s.eps[id] = msg.target
	for _, k := range msg.Result.Keys {
		s.byKey[k] = id
	}
}

// split parts delivered spans into those sent to ep (or sent before this
// was noted) and, by trace, the endpoint the others went to.
func (s sentTo) split(spans []model.SpanModel, ep secret.Endpoint) (here []model.SpanModel, elsewhere map[model.TraceID]secret.Endpoint) {
	current := endpointID(ep)
	elsewhere = map[model.TraceID]secret.Endpoint{}
	for _, sp := range spans {
		id, known := s.byKey[outbox.KeyOf(sp)]
		if !known || id == current {
			here = append(here, sp)
			continue
		}
		elsewhere[sp.TraceID] = s.eps[id]
	}
	return here, elsewhere
}

// noteElsewhere logs, for each trace delivered to another endpoint and not
// verified here, where it went; a trace with a verdict keeps it.
func (v Verifier) noteElsewhere(elsewhere map[model.TraceID]secret.Endpoint) {
	for id, ep := range elsewhere {
		// The log keeps the endpoint in clear and masks it when it draws.
		v.Send(LogMsg{fmt.Sprintf("verify: trace %s was sent to %s, not checked here (the endpoint is now %s); it keeps its verdict",
			id, ep.Display(true), v.Session.Endpoint().Display(true))})
	}
}

// NewVerification is what verification knows before the first read-back:
// nothing checked, nothing sent.
func NewVerification() *Verification {
	return &Verification{checks: map[outbox.SpanKey]*verify.SpanCheck{}, seen: map[string]bool{}, sentTo: sentTo{byKey: map[outbox.SpanKey]string{}, eps: map[string]secret.Endpoint{}}}
}

// Record notes where the batch in r went, so that V reads each span back
// from the endpoint it was delivered to.
func (v *Verification) Record(r FlushResultMsg) { v.sentTo.record(r) }

// Started notes the status when a read-back starts (a flush's summary).
func (v *Verification) Started(status string) { v.status = status }

// Follows says whether status is the one a read-back started on, so that a
// short result can follow it on the line.
func (v *Verification) Follows(status string) bool { return v.status != "" && status == v.status }
