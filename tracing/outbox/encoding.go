package outbox

import (
	"zipkin-playground/tracing/wire"
)

// Encoding is the wire format the outbox serializes with: a row of the
// encoding table (wire.Codecs).
type Encoding = wire.Encoding

// The encodings the outbox sends, as the outbox's callers name them.
const (
	EncodingJSON  = wire.JSON
	EncodingProto = wire.Proto
	EncodingV1    = wire.V1
)
