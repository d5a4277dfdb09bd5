package decode

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/openzipkin/zipkin-go/model"
	"google.golang.org/protobuf/encoding/protowire"
)

// A large proto3, Thrift or v1 JSON body is decoded a chunk of ChunkSpans
// spans at a time, as v2 JSON is: decoding multiplies a body (a 30-byte
// proto3 span becomes a whole SpanModel), so decoding 16 MiB at once can
// cost a GB. Each chunk is a valid body of the same format on its own.

// chunk is the bytes of a run of consecutive spans of a body, and what makes
// them a body on their own.
type chunk struct {
	prefix, spans, suffix []byte
}

func (c chunk) body() []byte {
	if len(c.prefix) == 0 && len(c.suffix) == 0 {
		return c.spans
	}
	return append(append(append(make([]byte, 0, len(c.prefix)+len(c.spans)+len(c.suffix)), c.prefix...), c.spans...), c.suffix...)
}

// decodeChunks decodes every chunk once to check the whole body (a bad body
// stores nothing), then again to emit them one chunk at a time.
func decodeChunks(chunks []chunk, decode func([]byte) ([]model.SpanModel, error), emit func([]model.SpanModel)) error {
	for _, c := range chunks {
		if _, err := decode(c.body()); err != nil {
			return err
		}
	}
	for _, c := range chunks {
		if spans, _ := decode(c.body()); len(spans) > 0 {
			emit(spans)
		}
	}
	return nil
}

// protoChunks cuts a ListOfSpans (field 1, repeated Span) into runs of
// spans; nil when the body is not made of such fields (decoded whole, it
// gets the decoder's own error).
func protoChunks(data []byte) []chunk {
	var out []chunk
	start, n := 0, 0
	for off := 0; off < len(data); {
		num, typ, tagLen := protowire.ConsumeTag(data[off:])
		if tagLen < 0 || num != 1 || typ != protowire.BytesType {
			return nil
		}
		vLen := protowire.ConsumeFieldValue(num, typ, data[off+tagLen:])
		if vLen < 0 {
			return nil
		}
		off += tagLen + vLen
		if n++; n == ChunkSpans || off == len(data) {
			out = append(out, chunk{spans: data[start:off]})
			start, n = off, 0
		}
	}
	return out
}

// thriftChunks cuts a TBinaryProtocol list of spans into lists of at most
// ChunkSpans; nil when the list cannot be walked.
func thriftChunks(data []byte) []chunk {
	buf := &thrift.TMemoryBuffer{Buffer: bytes.NewBuffer(data)}
	p := thrift.NewTBinaryProtocolConf(buf, &thrift.TConfiguration{MaxMessageSize: int32(min(len(data), math.MaxInt32))})
	ctx := context.Background()
	elem, total, err := p.ReadListBegin(ctx)
	if err != nil || total < 0 {
		return nil
	}
	var out []chunk
	start := len(data) - buf.Len()
	for i, n := 0, 0; i < total; i++ {
		if thrift.SkipDefaultDepth(ctx, p, elem) != nil {
			return nil
		}
		if n++; n == ChunkSpans || i == total-1 {
			end := len(data) - buf.Len()
			header := []byte{byte(elem), byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
			out = append(out, chunk{prefix: header, spans: data[start:end]})
			start, n = end, 0
		}
	}
	if buf.Len() != 0 {
		return nil // bytes after the list: the whole decoder says so
	}
	return out
}

// jsonListChunks cuts a JSON list into lists of at most ChunkSpans
// elements; nil when it is not a well-formed list.
func jsonListChunks(data []byte) []chunk {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil
	}
	var out []chunk
	start, n := int(dec.InputOffset()), 0
	for dec.More() {
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
		if n++; n == ChunkSpans || !dec.More() {
			end := int(dec.InputOffset())
			out = append(out, chunk{prefix: []byte("["), spans: bytes.TrimLeft(data[start:end], " \t\r\n,"), suffix: []byte("]")})
			start, n = end, 0
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim(']') {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil
	}
	return out
}

// inChunks decodes data whole when it is small or cannot be cut, else a
// chunk at a time.
func inChunks(data []byte, cut func([]byte) []chunk, decode func([]byte) ([]model.SpanModel, error), emit func([]model.SpanModel)) error {
	if len(data) > StreamAbove {
		if chunks := cut(data); chunks != nil {
			return decodeChunks(chunks, decode, emit)
		}
	}
	return emitAll(decode(data))(emit)
}
