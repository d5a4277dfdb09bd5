//lint:file-ignore ST1005 the error texts are Zipkin collector answers, capitalised as Zipkin writes them

package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/zipkinv1"
)

// Func decodes a whole body, handing the spans to emit (in one or several
// chunks of at most ChunkSpans) only once the whole body is known good: a bad
// body emits nothing. Its errors are the words Zipkin's collector answers with.
type Func func(data []byte, emit func([]model.SpanModel)) error

// A v2 JSON body over StreamAbove bytes is decoded twice, a span at a time:
// first to check it whole (a bad body stores nothing), then to hand it over
// in chunks of ChunkSpans spans, so its decoded spans are never all in memory.
// Proto3, Thrift and v1 JSON bodies are handed over in chunks of ChunkSpans
// whatever their size.
const (
	StreamAbove = 1 << 20
	ChunkSpans  = 1000
)

// errV2JSONOnV1 is Zipkin's answer to a v2 JSON list POSTed to /api/v1/spans.
var errV2JSONOnV1 = errors.New("Expected a JSON_V1 encoded list, but received: JSON_V2")

// Proto3 decodes a proto3 ListOfSpans (zipkin.proto3) as Zipkin's collector
// reads one.
func Proto3(data []byte, emit func([]model.SpanModel)) error {
	return inChunks(data, protoChunks, decodeProto, emit)
}

// JSONV2 decodes a Zipkin v2 JSON list; a v1 JSON list is refused with
// Zipkin's message, as /api/v2/spans refuses it. An empty body is no spans.
func JSONV2(data []byte, emit func([]model.SpanModel)) error {
	if data = bytes.TrimSpace(data); len(data) == 0 {
		return nil
	}
	if zipkinv1.LooksLikeV1JSON(data) {
		return zipkinv1.ErrV1JSONOnV2
	}
	return decodeJSONV2(data, emit)
}

// V1Thrift decodes a v1 Thrift list (zipkincore.thrift, as py_zipkin sends
// it), converted to v2.
func V1Thrift(data []byte, emit func([]model.SpanModel)) error {
	return inChunks(data, thriftChunks, func(b []byte) ([]model.SpanModel, error) {
		spans, err := zipkinv1.DecodeV1Thrift(b)
		if err != nil {
			return nil, fmt.Errorf("Expected a THRIFT encoded list: %v", err)
		}
		return spans, nil
	}, emit)
}

// V1JSON decodes a Zipkin v1 JSON list, converted to v2; a v2 JSON list is
// refused with Zipkin's message, as /api/v1/spans refuses it.
func V1JSON(data []byte, emit func([]model.SpanModel)) error {
	if zipkinv1.LooksLikeV2JSON(data) && !zipkinv1.LooksLikeV1JSON(data) {
		return errV2JSONOnV1
	}
	return inChunks(data, jsonListChunks, func(b []byte) ([]model.SpanModel, error) {
		spans, err := zipkinv1.DecodeV1JSON(b)
		if err != nil {
			return nil, fmt.Errorf("Expected a JSON_V1 encoded list: %v", err)
		}
		return spans, nil
	}, emit)
}

// emitAll adapts a whole-body decoder's result to a Func's emit.
func emitAll(spans []model.SpanModel, err error) func(emit func([]model.SpanModel)) error {
	return func(emit func([]model.SpanModel)) error {
		if err == nil && len(spans) > 0 {
			emit(spans)
		}
		return err
	}
}

func decodeJSONV2(data []byte, emit func([]model.SpanModel)) error {
	if data[0] != '[' {
		return errors.New("Expected a JSON_V2 encoded list")
	}
	if len(data) <= StreamAbove {
		// One pass when the fast reader takes the body, not one to pick the
		// reader and a second to read: parsing is most of a POST's CPU.
		var spans []model.SpanModel
		collect := func(s model.SpanModel) { spans = append(spans, s) }
		err := fastWalkJSONV2(data, collect)
		if err != nil {
			spans = nil
			err = walkJSONV2(data, collect)
		}
		return emitAll(spans, err)(emit)
	}
	walk := pickWalkerV2(data)
	if err := walk(data, func(model.SpanModel) {}); err != nil {
		return err
	}
	chunk := make([]model.SpanModel, 0, ChunkSpans)
	_ = walk(data, func(s model.SpanModel) {
		if chunk = append(chunk, s); len(chunk) == ChunkSpans {
			emit(chunk)
			chunk = make([]model.SpanModel, 0, ChunkSpans)
		}
	})
	if len(chunk) > 0 {
		emit(chunk)
	}
	return nil
}

// walkJSONV2 decodes a v2 JSON list one span at a time.
func walkJSONV2(data []byte, fn func(model.SpanModel)) error {
	fail := func(err error) error { return fmt.Errorf("Expected a JSON_V2 encoded list: %v", err) }
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the '[' checked by the caller
		return fail(err)
	}
	for i := 0; dec.More(); i++ {
		s, err := decodeSpanV2(dec)
		if err != nil {
			return fail(fmt.Errorf("span %d: %v", i, err))
		}
		fn(s)
	}
	if _, err := dec.Token(); err != nil { // ']'
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(errors.New("data after the list"))
	}
	return nil
}
