package component

import (
	"fmt"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// SentTo remembers which endpoint each delivered span went to, so that a
// trace is read back from the backend it was delivered to: after the
// endpoint changes, V does not ask the new backend for traces it never got
// (they would all read "missing").
type SentTo struct {
	ByKey map[outbox.SpanKey]string  // span → its endpoint's identity
	Eps   map[string]secret.Endpoint // identity → the endpoint
}

// endpointID tells endpoints apart by their full (unmasked) URL; it is never
// shown.
func endpointID(ep secret.Endpoint) string { return fmt.Sprintf("%t %s", ep.Local, ep.String()) }

// Record notes where a batch that arrived (2xx) was delivered.
func (s SentTo) Record(msg FlushResultMsg) {
	if !msg.Result.OK() {
		return
	}
	id := endpointID(msg.target)
	s.Eps[id] = msg.target
	for _, k := range msg.Result.Keys {
		s.ByKey[k] = id
	}
}

// split parts delivered spans into those sent to ep (or sent before this
// was noted) and, by trace, the endpoint the others went to.
func (s SentTo) split(spans []model.SpanModel, ep secret.Endpoint) (here []model.SpanModel, elsewhere map[model.TraceID]secret.Endpoint) {
	current := endpointID(ep)
	elsewhere = map[model.TraceID]secret.Endpoint{}
	for _, sp := range spans {
		id, known := s.ByKey[outbox.KeyOf(sp)]
		if !known || id == current {
			here = append(here, sp)
			continue
		}
		elsewhere[sp.TraceID] = s.Eps[id]
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
