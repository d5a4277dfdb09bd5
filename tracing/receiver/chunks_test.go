package receiver

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"

	"zipkin-playground/tracing/decode"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
	"zipkin-playground/tracing/zipkinv1"
)

// chunkSpans are n spans of one trace with a 300-byte tag: over decode.StreamAbove
// in every format.
func chunkSpans(n int) []*model.SpanModel {
	out := make([]*model.SpanModel, n)
	for i := range out {
		out[i] = &model.SpanModel{
			SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 0xabc}, ID: model.ID(i + 1)},
			Name:        "op", Timestamp: time.UnixMicro(1_700_000_000_000_000 + int64(i)), Duration: time.Millisecond,
			LocalEndpoint: &model.Endpoint{ServiceName: "svc"}, Tags: map[string]string{"pad": strings.Repeat("x", 300)},
		}
	}
	return out
}

// thriftList is a TBinaryProtocol list of the spans (zipkincore.thrift's
// Span: trace_id, name, id, timestamp, duration), written with Apache
// Thrift's protocol as v1 Thrift clients send it.
func thriftList(t *testing.T, spans []*model.SpanModel) []byte {
	buf := thrift.NewTMemoryBuffer()
	p := thrift.NewTBinaryProtocolConf(buf, nil)
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.WriteListBegin(ctx, thrift.STRUCT, len(spans)))
	for _, s := range spans {
		for _, f := range []struct {
			id int16
			v  int64
		}{{1, int64(s.TraceID.Low)}, {4, int64(s.ID)}, {10, s.Timestamp.UnixMicro()}, {11, 1000}} {
			must(p.WriteFieldBegin(ctx, "", thrift.I64, f.id))
			must(p.WriteI64(ctx, f.v))
		}
		must(p.WriteFieldBegin(ctx, "name", thrift.STRING, 3))
		must(p.WriteString(ctx, s.Name+s.Tags["pad"]))
		must(p.WriteFieldStop(ctx))
	}
	return bytes.Clone(buf.Bytes())
}

// A large proto3, v1 Thrift or v1 JSON body is decoded and stored a chunk
// at a time, as v2 JSON is, so its decoded spans are never all in memory; a
// body bad at its very end still stores nothing.
func TestReceiverDecodesLargeBodiesInChunks(t *testing.T) {
	t.Parallel()
	const n = 4500
	spans := chunkSpans(n)
	proto, err := zipkin_proto3.SpanSerializer{}.Serialize(spans)
	if err != nil {
		t.Fatal(err)
	}
	v1json, err := zipkinv1.V1JSONSerializer{}.Serialize(spans)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, ct string
		body           []byte
	}{
		{"proto3", secret.V2Path, "application/x-protobuf", proto},
		{"v1 Thrift", "/api/v1/spans", "application/x-thrift", thriftList(t, spans)},
		{"v1 JSON", "/api/v1/spans", "application/json", v1json},
	} {
		var mu sync.Mutex
		var batches []int
		r := startTestReceiver(t, OnSpans(func(s []model.SpanModel) {
			mu.Lock()
			batches = append(batches, len(s))
			mu.Unlock()
		}))
		url := "http://" + r.Addr() + c.path
		if len(c.body) <= decode.StreamAbove {
			t.Fatalf("%s: %d bytes is not a large body", c.name, len(c.body))
		}
		bad := bytes.Clone(c.body[:len(c.body)-3])
		if status, msg := testkit.PostSpans(t, url, c.ct, "", bad); status != 400 || r.Stats().Spans != 0 {
			t.Errorf("%s cut short: %d %q, %d spans stored", c.name, status, msg, r.Stats().Spans)
		}
		if status, msg := testkit.PostSpans(t, url, c.ct, "", c.body); status != 202 {
			t.Fatalf("%s: %d %s", c.name, status, msg)
		}
		mu.Lock()
		largest := 0
		for _, b := range batches {
			largest = max(largest, b)
		}
		if st := r.Stats(); st.Spans != n || len(batches) < 2 || largest > decode.ChunkSpans {
			t.Errorf("%s: %d spans stored in batches %v", c.name, st.Spans, batches)
		}
		mu.Unlock()
	}
}
