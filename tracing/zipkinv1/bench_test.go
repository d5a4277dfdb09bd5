package zipkinv1

import (
	"os"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// v1BenchBatch is a batch of 100 spans as a session makes them: 25 RPCs of a
// local root, a CLIENT with a remote endpoint, its shared SERVER and a child.
func v1BenchBatch() []*model.SpanModel {
	var spans []*model.SpanModel
	for i := uint64(1); len(spans) < 100; i++ {
		start := time.Unix(1700000000, 0)
		mk := func(id, parent uint64, kind model.Kind, local *model.Endpoint, shared bool) *model.SpanModel {
			s := &model.SpanModel{
				SpanContext: model.SpanContext{TraceID: model.TraceID{Low: i}, ID: model.ID(id)},
				Name:        "span", Kind: kind, Shared: shared, LocalEndpoint: local,
				Timestamp: start, Duration: time.Millisecond,
				Tags:        map[string]string{"http.path": "/api", "order.id": "42"},
				Annotations: []model.Annotation{{Timestamp: start.Add(time.Microsecond), Value: "retrying"}},
			}
			if parent != 0 {
				s.ParentID = idPtr(parent)
			}
			return s
		}
		client := mk(2, 1, model.Client, v1Frontend, false)
		client.RemoteEndpoint = v1Backend
		spans = append(spans, mk(1, 0, model.Undetermined, v1Frontend, false), client,
			mk(2, 1, model.Server, v1Backend, true), mk(3, 2, model.Undetermined, v1Backend, false))
	}
	return spans
}

// BenchmarkV1JSONSerialize: a 100-span batch as v1 JSON, next to zipkin-go's
// v2 JSON serializer for scale.
func BenchmarkV1JSONSerialize(b *testing.B) {
	spans := v1BenchBatch()
	for name, ser := range map[string]reporter.SpanSerializer{"v1": V1JSONSerializer{}, "v2": reporter.JSONSerializer{}} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := ser.Serialize(spans); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeV1JSON: the same batch read back (100 spans in 75 v1 spans).
func BenchmarkDecodeV1JSON(b *testing.B) {
	body, err := V1JSONSerializer{}.Serialize(v1BenchBatch())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := DecodeV1JSON(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeV1Thrift: py_zipkin's payload (3 v1 spans, 960 bytes).
func BenchmarkDecodeV1Thrift(b *testing.B) {
	body, err := os.ReadFile("testdata/py_zipkin_v1.thrift")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := DecodeV1Thrift(body); err != nil {
			b.Fatal(err)
		}
	}
}
