package outbox

import (
	"github.com/openzipkin/zipkin-go/model"
)

// SpanKey identifies a span in the outbox and the tree. A shared SERVER span
// has its client's span ID, so Shared is part of the key.
type SpanKey struct {
	TraceID model.TraceID
	ID      model.ID
	Shared  bool
}

// KeyOf is the key of a reported span model.
func KeyOf(m model.SpanModel) SpanKey {
	return SpanKey{TraceID: m.TraceID, ID: m.ID, Shared: m.Shared}
}
