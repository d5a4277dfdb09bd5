package receiver

import (
	"encoding/json"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/linker"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
	"zipkin-playground/tracing/zipkinv1"
)

// FuzzReceiverIngest feeds any body, as any format, through decoding,
// normalisation, storage, serving and linking: nothing panics, and what is
// served is JSON.
func FuzzReceiverIngest(f *testing.F) {
	for _, seed := range []string{
		`[]`, `[{"traceId":"00000000000000aa","id":"0000000000000001","name":"A","kind":"SERVER","timestamp":1,"duration":1,"localEndpoint":{"serviceName":"S","ipv6":"7::0.128.128.127"},"tags":{"error":""},"annotations":[{"timestamp":0,"value":"x"}]}]`,
		`[{"traceId":"00000000000000aa","parentId":"0000000000000000","id":"0000000000000001","shared":true}]`,
		`[{"traceId":"00000000000000bb","id":"0000000000000001","annotations":[{"timestamp":1,"value":"sr","endpoint":{"serviceName":"a"}}],"binaryAnnotations":[{"key":"sa","value":true,"endpoint":{"serviceName":"b"}}]}]`,
		"\x0c\x00\x00\x00\x01\x0a\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00",
		"\n\x1a\n\x10\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\xab\x1a\x08\x00\x00\x00\x00\x00\x00\x00\x01",
	} {
		for ct := uint8(0); ct < 4; ct++ {
			f.Add([]byte(seed), ct)
		}
	}
	r := &Receiver{opts: config{maxSpans: 50}, traces: map[model.TraceID]*storedTrace{}, changed: make(chan struct{})}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8) {
		path, contentType := secret.V2Path, "application/json"
		switch ct % 4 {
		case 1:
			contentType = "application/x-protobuf"
		case 2:
			path = zipkinv1.Path
		case 3:
			path, contentType = zipkinv1.Path, "application/x-thrift"
		}
		c, _ := wire.ForBody(path, contentType)
		var got []model.SpanModel
		if err := c.Decode(body, func(s []model.SpanModel) { r.accept(s); got = append(got, s...) }); err != nil {
			return
		}
		for _, s := range got {
			b, err := MarshalSpanJSON(s)
			if err != nil || !json.Valid(b) {
				t.Fatalf("served %q, %v", b, err)
			}
			if s.ParentID != nil && *s.ParentID == 0 || s.Kind == protoUnspecifiedKind {
				t.Fatalf("not normalised: %+v", s)
			}
		}
		links := linker.New() // Zipkin's linker never panics nor loops on what is stored
		for _, tr := range r.Traces() {
			if _, err := marshalSpans(tr.Spans); err != nil {
				t.Fatal(err)
			}
			links.PutTrace(tr.Spans)
		}
		if st := r.Stats(); st.Stored > 50 {
			t.Fatalf("over budget: %+v", st)
		}
	})
}
