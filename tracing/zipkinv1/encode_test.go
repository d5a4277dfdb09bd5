package zipkinv1

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
	zipkinrecorder "github.com/openzipkin/zipkin-go/reporter/recorder"
)

// The endpoints of Zipkin's TestObjects, used by its SpanConverterTest.
var (
	v1Frontend = &model.Endpoint{ServiceName: "frontend", IPv4: net.ParseIP("127.0.0.1")}
	v1Backend  = &model.Endpoint{ServiceName: "backend", IPv4: net.ParseIP("192.168.99.101"), Port: 9000}
	v1KafkaEP  = &model.Endpoint{ServiceName: "kafka"}
)

// As Zipkin writes them (V2SpanWriter.writeEndpoint, legacy form).
const (
	v1FE    = `{"serviceName":"frontend","ipv4":"127.0.0.1"}`
	v1BE    = `{"serviceName":"backend","ipv4":"192.168.99.101","port":9000}`
	v1Kafka = `{"serviceName":"kafka"}`
)

func micros(us int64) time.Time { return time.UnixMicro(us) }

func idPtr(id uint64) *model.ID { p := model.ID(id); return &p }

// v2Span is the span SpanConverterTest builds from traceId 1, parentId 2, id 3.
func v2Span(name string, kind model.Kind, edit func(*model.SpanModel)) *model.SpanModel {
	s := &model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ParentID: idPtr(2), ID: 3},
		Name:        name, Kind: kind,
	}
	if edit != nil {
		edit(s)
	}
	return s
}

// TestV1JSONSerializer compares with v1 documents written by hand from
// Zipkin's SpanConverterTest (V2SpanConverter) and V1SpanWriter: field order,
// core annotations, sorted binary annotations, "lc", address annotations.
// One deliberate difference: address annotations carry "true" as a string
// (see V1JSONSerializer).
func TestV1JSONSerializer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		spans []*model.SpanModel
		want  string
	}{
		{"client", []*model.SpanModel{v2Span("get", model.Client, func(s *model.SpanModel) {
			s.LocalEndpoint, s.RemoteEndpoint = v1Frontend, v1Backend
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
			s.Annotations = []model.Annotation{{Timestamp: micros(1472470996238000), Value: "ws"}, {Timestamp: micros(1472470996403000), Value: "wr"}}
			s.Tags = map[string]string{"http.path": "/api", "clnt/finagle.version": "6.45.0"}
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996238000,"value":"ws","endpoint":` + v1FE + `},
				{"timestamp":1472470996403000,"value":"wr","endpoint":` + v1FE + `},
				{"timestamp":1472470996406000,"value":"cr","endpoint":` + v1FE + `}],
			"binaryAnnotations":[{"key":"clnt/finagle.version","value":"6.45.0","endpoint":` + v1FE + `},
				{"key":"http.path","value":"/api","endpoint":` + v1FE + `},
				{"key":"sa","value":"true","endpoint":` + v1BE + `}]}]`},
		{"client unfinished", []*model.SpanModel{v2Span("get", model.Client, func(s *model.SpanModel) {
			s.LocalEndpoint, s.Timestamp = v1Frontend, micros(1472470996199000)
			s.Annotations = []model.Annotation{{Timestamp: micros(1472470996238000), Value: "ws"}}
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"timestamp":1472470996199000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996238000,"value":"ws","endpoint":` + v1FE + `}]}]`},
		{"server", []*model.SpanModel{v2Span("get", model.Server, func(s *model.SpanModel) {
			s.ParentID = nil
			s.ID = 2
			s.LocalEndpoint, s.RemoteEndpoint = v1Backend, v1Frontend
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
			s.Tags = map[string]string{"http.path": "/api", "finagle.version": "6.45.0"}
		})}, `[{"traceId":"0000000000000001","id":"0000000000000002","name":"get",
			"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"sr","endpoint":` + v1BE + `},
				{"timestamp":1472470996406000,"value":"ss","endpoint":` + v1BE + `}],
			"binaryAnnotations":[{"key":"ca","value":"true","endpoint":` + v1FE + `},
				{"key":"finagle.version","value":"6.45.0","endpoint":` + v1BE + `},
				{"key":"http.path","value":"/api","endpoint":` + v1BE + `}]}]`},
		{"shared server alone has no timestamp or duration", []*model.SpanModel{v2Span("get", model.Server, func(s *model.SpanModel) {
			s.Shared, s.LocalEndpoint = true, v1Backend
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"annotations":[{"timestamp":1472470996199000,"value":"sr","endpoint":` + v1BE + `},
				{"timestamp":1472470996406000,"value":"ss","endpoint":` + v1BE + `}]}]`},
		{"local span gets an empty lc", []*model.SpanModel{v2Span("Local", model.Undetermined, func(s *model.SpanModel) {
			s.ParentID = nil
			s.ID = 2
			s.LocalEndpoint = &model.Endpoint{ServiceName: "Frontend"}
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
		})}, `[{"traceId":"0000000000000001","id":"0000000000000002","name":"local",
			"timestamp":1472470996199000,"duration":207000,
			"binaryAnnotations":[{"key":"lc","value":"","endpoint":{"serviceName":"frontend"}}]}]`},
		{"no kind, remote endpoint is sa", []*model.SpanModel{v2Span("get", model.Undetermined, func(s *model.SpanModel) {
			s.LocalEndpoint, s.RemoteEndpoint = v1Frontend, v1Backend
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"timestamp":1472470996199000,"duration":207000,
			"binaryAnnotations":[{"key":"lc","value":"","endpoint":` + v1FE + `},
				{"key":"sa","value":"true","endpoint":` + v1BE + `}]}]`},
		{"producer with broker", []*model.SpanModel{v2Span("send", model.Producer, func(s *model.SpanModel) {
			s.LocalEndpoint, s.RemoteEndpoint, s.Timestamp = v1Frontend, v1KafkaEP, micros(1472470996199000)
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"send",
			"timestamp":1472470996199000,
			"annotations":[{"timestamp":1472470996199000,"value":"ms","endpoint":` + v1FE + `}],
			"binaryAnnotations":[{"key":"ma","value":"true","endpoint":` + v1Kafka + `}]}]`},
		{"producer with duration ends with ws", []*model.SpanModel{v2Span("send", model.Producer, func(s *model.SpanModel) {
			s.LocalEndpoint = v1Frontend
			s.Timestamp, s.Duration = micros(1472470996199000), 51000*time.Microsecond
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"send",
			"timestamp":1472470996199000,"duration":51000,
			"annotations":[{"timestamp":1472470996199000,"value":"ms","endpoint":` + v1FE + `},
				{"timestamp":1472470996250000,"value":"ws","endpoint":` + v1FE + `}]}]`},
		{"consumer", []*model.SpanModel{v2Span("next-message", model.Consumer, func(s *model.SpanModel) {
			s.LocalEndpoint, s.Timestamp = v1Backend, micros(1472470996199000)
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"next-message",
			"timestamp":1472470996199000,
			"annotations":[{"timestamp":1472470996199000,"value":"mr","endpoint":` + v1BE + `}]}]`},
		{"consumer with duration is wr then mr", []*model.SpanModel{v2Span("next-message", model.Consumer, func(s *model.SpanModel) {
			s.LocalEndpoint, s.RemoteEndpoint = v1Backend, v1KafkaEP
			s.Timestamp, s.Duration = micros(1472470996199000), 51000*time.Microsecond
		})}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"next-message",
			"timestamp":1472470996199000,"duration":51000,
			"annotations":[{"timestamp":1472470996199000,"value":"wr","endpoint":` + v1BE + `},
				{"timestamp":1472470996250000,"value":"mr","endpoint":` + v1BE + `}],
			"binaryAnnotations":[{"key":"ma","value":"true","endpoint":` + v1Kafka + `}]}]`},
		{"no endpoints, debug, 128-bit trace", []*model.SpanModel{v2Span("foo", model.Undetermined, func(s *model.SpanModel) {
			s.TraceID.High, s.Debug = 0x463ac35c9f6413ad, true
			s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
		})}, `[{"traceId":"463ac35c9f6413ad0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"foo",
			"timestamp":1472470996199000,"duration":207000,"debug":true}]`},
		// The v1 document of Zipkin's SpanConverterTest.clientAndServer, which
		// V1SpanConverter splits into exactly these two v2 spans.
		{"shared server merged into its client", []*model.SpanModel{
			v2Span("get", model.Server, func(s *model.SpanModel) {
				s.Shared, s.LocalEndpoint, s.RemoteEndpoint = true, v1Backend, v1Frontend
				s.Timestamp, s.Duration = micros(1472470996250000), 100000*time.Microsecond
				s.Tags = map[string]string{"http.path": "/BACKEND", "srv/finagle.version": "6.44.0"}
			}),
			v2Span("get", model.Client, func(s *model.SpanModel) {
				s.LocalEndpoint, s.RemoteEndpoint = v1Frontend, v1Backend
				s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
				s.Annotations = []model.Annotation{{Timestamp: micros(1472470996238000), Value: "ws"}, {Timestamp: micros(1472470996403000), Value: "wr"}}
				s.Tags = map[string]string{"http.path": "/api", "clnt/finagle.version": "6.45.0"}
			}),
		}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996238000,"value":"ws","endpoint":` + v1FE + `},
				{"timestamp":1472470996250000,"value":"sr","endpoint":` + v1BE + `},
				{"timestamp":1472470996350000,"value":"ss","endpoint":` + v1BE + `},
				{"timestamp":1472470996403000,"value":"wr","endpoint":` + v1FE + `},
				{"timestamp":1472470996406000,"value":"cr","endpoint":` + v1FE + `}],
			"binaryAnnotations":[{"key":"ca","value":"true","endpoint":` + v1FE + `},
				{"key":"clnt/finagle.version","value":"6.45.0","endpoint":` + v1FE + `},
				{"key":"http.path","value":"/api","endpoint":` + v1FE + `},
				{"key":"http.path","value":"/BACKEND","endpoint":` + v1BE + `},
				{"key":"sa","value":"true","endpoint":` + v1BE + `},
				{"key":"srv/finagle.version","value":"6.44.0","endpoint":` + v1BE + `}]}]`},
		// Loopback: merging would give the server's tags to the client when
		// Zipkin reads it back, so the server side stays its own v1 span.
		{"loopback shared server is not merged", []*model.SpanModel{
			v2Span("get", model.Client, func(s *model.SpanModel) {
				s.LocalEndpoint = v1Frontend
				s.Timestamp, s.Duration = micros(1472470996199000), 207000*time.Microsecond
			}),
			v2Span("get", model.Server, func(s *model.SpanModel) {
				s.Shared, s.LocalEndpoint = true, v1Frontend
				s.Timestamp, s.Duration = micros(1472470996250000), 100000*time.Microsecond
				s.Tags = map[string]string{"error": "boom"}
			}),
		}, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996406000,"value":"cr","endpoint":` + v1FE + `}]},
			{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
			"annotations":[{"timestamp":1472470996250000,"value":"sr","endpoint":` + v1FE + `},
				{"timestamp":1472470996350000,"value":"ss","endpoint":` + v1FE + `}],
			"binaryAnnotations":[{"key":"error","value":"boom","endpoint":` + v1FE + `}]}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := json.Compact(&want, []byte(tc.want)); err != nil {
				t.Fatalf("bad expected JSON: %v", err)
			}
			have, err := V1JSONSerializer{}.Serialize(tc.spans)
			if err != nil {
				t.Fatal(err)
			}
			if want.String() != string(have) {
				t.Errorf("want\n%s\nhave\n%s", want.String(), have)
			}
		})
	}
}

// TestV1JSONSerializerFailsLikeZipkinGo: the spans zipkin-go's JSON
// serializer refuses are refused with the same errors, so poison-span
// isolation works the same for every encoding.
func TestV1JSONSerializerFailsLikeZipkinGo(t *testing.T) {
	t.Parallel()
	var _ reporter.SpanSerializer = V1JSONSerializer{}
	for _, tc := range []struct {
		span *model.SpanModel
		err  error
	}{
		{v2Span("before 1970", model.Client, func(s *model.SpanModel) { s.Timestamp = time.Unix(0, 5) }), model.ErrValidTimestampRequired},
		{v2Span("negative", model.Client, func(s *model.SpanModel) { s.Timestamp, s.Duration = micros(1e15), -time.Second }), model.ErrValidDurationRequired},
	} {
		_, v2err := reporter.JSONSerializer{}.Serialize([]*model.SpanModel{tc.span})
		_, v1err := V1JSONSerializer{}.Serialize([]*model.SpanModel{tc.span})
		if !errors.Is(v2err, tc.err) || !errors.Is(v1err, tc.err) {
			t.Errorf("%s: want %v from both, have v2 %v, v1 %v", tc.span.Name, tc.err, v2err, v1err)
		}
	}
}

// TestV1TimesMatchV2JSON: timestamps and durations are rounded exactly as
// zipkin-go's v2 JSON rounds them (a 400ns span is 1µs, 1.5µs is 2µs).
func TestV1TimesMatchV2JSON(t *testing.T) {
	t.Parallel()
	for _, d := range []time.Duration{400 * time.Nanosecond, 1500 * time.Nanosecond, 2*time.Second + 499*time.Nanosecond} {
		s := v2Span("t", model.Undetermined, func(s *model.SpanModel) {
			s.Timestamp, s.Duration = time.Unix(1700000000, 123456789), d
		})
		v2, _ := reporter.JSONSerializer{}.Serialize([]*model.SpanModel{s})
		v1, _ := V1JSONSerializer{}.Serialize([]*model.SpanModel{s})
		var a, b []struct{ Timestamp, Duration int64 }
		if err := json.Unmarshal(v2, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(v1, &b); err != nil {
			t.Fatal(err)
		}
		if a[0] != b[0] {
			t.Errorf("%v: v2 %+v, v1 %+v", d, a[0], b[0])
		}
	}
}

// TestV1RoundTripZipkinGo: spans from a real zipkin.Tracer — a local root, a
// CLIENT with a remote endpoint, its shared SERVER in the same service (as
// the playground makes them) and in another service, a PRODUCER, an error —
// go through V1JSONSerializer and DecodeV1JSON and come back as zipkin-go's
// v2 JSON serializer writes them.
func TestV1RoundTripZipkinGo(t *testing.T) {
	t.Parallel()
	rec := zipkinrecorder.NewReporter()
	tracer := func(service string) *zipkin.Tracer {
		ep, err := zipkin.NewEndpoint(service, "10.0.0.1:8000")
		if err != nil {
			t.Fatal(err)
		}
		tr, err := zipkin.NewTracer(rec, zipkin.WithLocalEndpoint(ep), zipkin.WithSharedSpans(true))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	front, back := tracer("front"), tracer("back")
	remote, _ := zipkin.NewEndpoint("payments", "10.0.0.2:8080")
	root := front.StartSpan("Checkout")
	root.Tag("order.id", "42")
	for i, server := range []*zipkin.Tracer{front, back} {
		call := front.StartSpan("charge", zipkin.Parent(root.Context()), zipkin.Kind(model.Client), zipkin.RemoteEndpoint(remote))
		call.Annotate(time.Now(), "retrying")
		srv := server.StartSpan("charge", zipkin.Parent(call.Context()), zipkin.Kind(model.Server))
		srv.Tag("side", "server")
		zipkin.TagError.Set(srv, "declined "+strconv.Itoa(i))
		srv.Finish()
		call.Tag("side", "client")
		call.Finish()
	}
	pub := front.StartSpan("publish", zipkin.Parent(root.Context()), zipkin.Kind(model.Producer))
	pub.Finish()
	root.Finish()
	spans := rec.Flush()
	ptrs := make([]*model.SpanModel, len(spans))
	for i := range spans {
		ptrs[i] = &spans[i]
	}
	body, err := V1JSONSerializer{}.Serialize(ptrs)
	if err != nil {
		t.Fatal(err)
	}
	back2, err := DecodeV1JSON(body)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := reporter.JSONSerializer{}.Serialize(ptrs)
	var wantSpans []model.SpanModel
	if err := json.Unmarshal(want, &wantSpans); err != nil {
		t.Fatal(err)
	}
	if len(spans) != 6 || len(back2) != 6 {
		t.Fatalf("want 6 spans each way, have %d and %d", len(spans), len(back2))
	}
	sortSpans := func(s []model.SpanModel) {
		sort.Slice(s, func(i, j int) bool {
			if s[i].ID != s[j].ID {
				return s[i].ID < s[j].ID
			}
			return s[i].Kind < s[j].Kind
		})
	}
	sortSpans(wantSpans)
	sortSpans(back2)
	for i := range wantSpans {
		if w, h := canonV2(t, wantSpans[i:i+1]), canonV2(t, back2[i:i+1]); w != h {
			t.Errorf("span %d:\nwant %s\nhave %s", i, w, h)
		}
	}
}
