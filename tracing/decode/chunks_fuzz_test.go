package decode

import (
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/zipkinv1"
)

// FuzzChunks: cutting any body never panics, and a body that can be cut
// decodes, chunk by chunk, to what it decodes to whole (or fails either way).
func FuzzChunks(f *testing.F) {
	f.Add([]byte(`[{"traceId":"0000000000000001","id":"0000000000000002","name":"a"}, {"traceId":"0000000000000001","id":"0000000000000003"}]`), uint8(2))
	f.Add([]byte("\x0c\x00\x00\x00\x01\x0a\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01\x0a\x00\x04\x00\x00\x00\x00\x00\x00\x00\x02\x00"), uint8(1))
	f.Add([]byte("\n\x1a\n\x10\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\x1a\x08\x00\x00\x00\x00\x00\x00\x00\x01"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		cut, decode := protoChunks, decodeProto
		switch kind % 3 {
		case 1:
			cut, decode = thriftChunks, zipkinv1.DecodeV1Thrift
		case 2:
			cut, decode = jsonListChunks, zipkinv1.DecodeV1JSON
		}
		chunks := cut(data)
		if chunks == nil {
			return
		}
		whole, werr := decode(data)
		var parts []model.SpanModel
		perr := decodeChunks(chunks, decode, func(s []model.SpanModel) { parts = append(parts, s...) })
		if (werr == nil) != (perr == nil) || len(whole) != len(parts) {
			t.Fatalf("whole: %d spans, %v; in chunks: %d spans, %v", len(whole), werr, len(parts), perr)
		}
	})
}
