package encode

import (
	"bytes"
	"testing"
	"time"
	"zipkin-playground/tracing/testkit"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// TestJSONSerializerIsZipkinGos: the outbox's v2 JSON serializer writes
// exactly reporter.JSONSerializer's bytes — HTML characters, U+2028, control
// characters, invalid UTF-8, shared spans, empty and nil lists — and its
// errors are zipkin-go's, word for word.
func TestJSONSerializerIsZipkinGos(t *testing.T) {
	t.Parallel()
	spans := testkit.BurstSpans(3, 3)
	parent := model.ID(7)
	odd := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{High: 1, Low: 2}, ID: 3, ParentID: &parent},
		Name:        "GET /a<b>&c\u2028d", Kind: model.Server, Shared: true, Timestamp: time.Unix(1700000000, 123456789), Duration: 1500,
		LocalEndpoint:  &model.Endpoint{ServiceName: "svc\x01\xff"},
		RemoteEndpoint: &model.Endpoint{},
		Tags:           map[string]string{"<script>": "a&b", "z": "\"quoted\"\n", "error": ""},
		Annotations:    []model.Annotation{{Timestamp: time.Unix(1700000001, 0), Value: "</html>"}},
	}
	spans = append(spans, odd)
	cases := map[string][]*model.SpanModel{"batch": testkit.Ptrs(spans), "one": {&odd}, "empty": {}, "nil": nil, "nil element": {&odd, nil}}
	for name, in := range cases {
		want, wantErr := reporter.JSONSerializer{}.Serialize(in)
		got, err := JSONV2{}.Serialize(in)
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) {
			t.Errorf("%s:\n got %s (%v)\nwant %s (%v)", name, got, err, want, wantErr)
		}
	}
	bad := odd
	bad.Timestamp = time.Unix(0, 0).Add(-time.Hour)
	_, wantErr := reporter.JSONSerializer{}.Serialize([]*model.SpanModel{&odd, &bad})
	_, err := JSONV2{}.Serialize([]*model.SpanModel{&odd, &bad})
	if err == nil || err.Error() != wantErr.Error() {
		t.Errorf("error %v, want %v", err, wantErr)
	}
}
