package receiver

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"

	"zipkin-playground/tracing/testkit"
)

// zipkinRow is one behaviour of Zipkin's collector and store: a v2 JSON span
// POSTed, and what Zipkin answers (400) or serves back for it. Each row names
// the openzipkin/zipkin source it follows (paths under zipkin/src/main/java/
// zipkin2/).
type zipkinRow struct {
	name, source string
	span         string // one v2 JSON span, POSTed as a list of one
	want         string // the span served by /api/v2/trace/1; "" when 400
}

var zipkinRows = []zipkinRow{
	{"annotations sorted and de-duplicated", "Span.java sortedList",
		`{"traceId":"1","id":"2","annotations":[{"timestamp":3,"value":"b"},{"timestamp":1,"value":"z"},{"timestamp":3,"value":"a"},{"timestamp":3,"value":"b"}]}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","annotations":[{"timestamp":1,"value":"z"},{"timestamp":3,"value":"a"},{"timestamp":3,"value":"b"}]}`},
	{"a span that is its own parent has none", "Span.java Builder.build",
		`{"traceId":"1","id":"2","parentId":"2","timestamp":5}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","timestamp":5}`},
	{"shared is unset on a CLIENT", "Span.java Builder.build",
		`{"traceId":"1","id":"2","kind":"CLIENT","shared":true}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","kind":"CLIENT"}`},
	{"shared is kept on a SERVER", "Span.java Builder.build",
		`{"traceId":"1","id":"2","kind":"SERVER","shared":true}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","kind":"SERVER","shared":true}`},
	{"an IPv4-mapped IPv6 address is IPv4", "Endpoint.java parseIp, detectFamily",
		`{"traceId":"1","id":"2","localEndpoint":{"serviceName":"a","ipv6":"::ffff:10.0.0.1"}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","localEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"}}`},
	{"an unreadable IP drops that address only", "Endpoint.java parseIp (returns false)",
		`{"traceId":"1","id":"2","localEndpoint":{"serviceName":"a","ipv4":"10.0.0.300","port":80}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","localEndpoint":{"serviceName":"a","port":80}}`},
	{"a leading-zero IPv4 octet is read (Netty's isValidIpV4Word)", "Endpoint.java isValidIpV4Address",
		`{"traceId":"1","id":"2","remoteEndpoint":{"ipv4":"52.0.0.04"}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","remoteEndpoint":{"ipv4":"52.0.0.4"}}`},
	{"an endpoint left empty is none", "Span.java Builder.localEndpoint (EMPTY_ENDPOINT)",
		`{"traceId":"1","id":"2","localEndpoint":{"ipv4":"nope"}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002"}`},
	{"a numeric tag value is its text", "internal/V2SpanReader.java tags (Gson nextString)",
		`{"traceId":"1","id":"2","tags":{"http.status_code":200,"ratio":1.50}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","tags":{"http.status_code":"200","ratio":"1.50"}}`},
	{"a boolean tag value fails the batch", "internal/V2SpanReader.java tags (Gson nextString)",
		`{"traceId":"1","id":"2","tags":{"error":true}}`, ""},
	{"a null tag value fails the batch", "internal/V2SpanReader.java tags (No value at)",
		`{"traceId":"1","id":"2","tags":{"error":null}}`, ""},
	{"upper-case hex IDs fail the batch", "Span.java validateHexAndReturnZeroPrefix",
		`{"traceId":"ABC","id":"2"}`, ""},
	{"an ID over 16 digits fails the batch", "Span.java Builder.id",
		`{"traceId":"1","id":"00000000000000002"}`, ""},
	{"a missing id fails the batch", "Span.java Builder.build (Missing: id)",
		`{"traceId":"1"}`, ""},
	{"an unknown kind fails the batch", "internal/V2SpanReader.java kind (Kind.valueOf)",
		`{"traceId":"1","id":"2","kind":"INTERNAL"}`, ""},
	{"an annotation without value fails the batch", "internal/V2SpanReader.java (Incomplete annotation)",
		`{"traceId":"1","id":"2","annotations":[{"timestamp":1}]}`, ""},
	{"a port over 65535 fails the batch", "Endpoint.java Builder.port",
		`{"traceId":"1","id":"2","localEndpoint":{"serviceName":"a","port":70000}}`, ""},
	{"null fields are absent", "internal/V2SpanReader.java (peekNull, skipValue)",
		`{"traceId":"1","id":"2","parentId":null,"kind":null,"name":null,"localEndpoint":null,"tags":null,"debug":null}`,
		`{"traceId":"0000000000000001","id":"0000000000000002"}`},
	{"a timestamp as a string is read; a negative duration is none", "Span.java Builder.duration; Gson nextLong",
		`{"traceId":"1","id":"2","timestamp":"7","duration":-3}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","timestamp":7}`},
	{"a parent of zeros is none; names lowercased", "Span.java Builder.parentId, Builder.name; Endpoint.java serviceName",
		`{"traceId":"1","id":"2","parentId":"0000","name":"GET /X","localEndpoint":{"serviceName":"Front"}}`,
		`{"traceId":"0000000000000001","id":"0000000000000002","name":"get /x","localEndpoint":{"serviceName":"front"}}`},
	{"a 128-bit trace ID whose high half is zeros is 64-bit", "Span.java normalizeTraceId",
		`{"traceId":"00000000000000000000000000000001","id":"2"}`,
		`{"traceId":"0000000000000001","id":"0000000000000002"}`},
}

// Each row is what openzipkin/zipkin does with the span; a 400 loses the
// whole POST, as it does in Zipkin.
func TestReceiverIngestsAsZipkin(t *testing.T) {
	t.Parallel()
	for _, row := range zipkinRows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			r := startTestReceiver(t)
			status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", []byte("["+row.span+"]"))
			if row.want == "" {
				if status != 400 {
					t.Fatalf("%s: POST answered %d %s, Zipkin answers 400", row.source, status, msg)
				}
				return
			}
			if status != 202 {
				t.Fatalf("%s: POST answered %d %s, Zipkin stores it", row.source, status, msg)
			}
			var got []map[string]any
			getJSON(t, r, "/api/v2/trace/1", &got)
			var want map[string]any
			mustUnmarshal(t, []byte(row.want), &want)
			if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
				b, _ := json.Marshal(got)
				t.Errorf("%s:\nserved %s\nZipkin %s", row.source, b, row.want)
			}
		})
	}
}

// Proto3 as Proto3ZipkinFields reads it: debug per span, an 8-byte trace ID,
// an unknown kind number dropped, an IPv4-compatible IPv6 address as IPv4.
func TestReceiverIngestsProto3AsZipkin(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	id := func(b ...byte) []byte { return append(make([]byte, 8-len(b)), b...) }
	body, err := protoMarshal(&zipkin_proto3.ListOfSpans{Spans: []*zipkin_proto3.Span{
		{TraceId: id(1), Id: id(2), Debug: true, Kind: zipkin_proto3.Span_SERVER},
		{TraceId: id(1), Id: id(3), ParentId: id(2), Kind: zipkin_proto3.Span_Kind(9),
			LocalEndpoint: &zipkin_proto3.Endpoint{ServiceName: "a", Ipv6: append(make([]byte, 12), 10, 0, 0, 1)}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if status, msg := testkit.PostSpans(t, r.URL(), "application/x-protobuf", "", body); status != 202 {
		t.Fatalf("POST: %d %s", status, msg)
	}
	var got []map[string]any
	getJSON(t, r, "/api/v2/trace/0000000000000001", &got)
	var want []map[string]any
	mustUnmarshal(t, []byte(`[
		{"traceId":"0000000000000001","id":"0000000000000002","kind":"SERVER","debug":true},
		{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","localEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"}}]`), &want)
	byID := map[any]map[string]any{}
	for _, s := range got {
		byID[s["id"]] = s
	}
	for _, w := range want {
		if !reflect.DeepEqual(byID[w["id"]], w) {
			t.Errorf("Proto3ZipkinFields.java SpanField.readValue:\nserved %v\nZipkin %v", byID[w["id"]], w)
		}
	}
}

// v1 JSON as V1JsonSpanReader reads it: an address by Endpoint.parseIp (a
// leading-zero octet read, an IPv4-mapped one as IPv4), a 20-digit trace ID
// padded to 32 (Span.normalizeTraceId), self-parent dropped by the build.
func TestReceiverIngestsV1AsZipkin(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	body := `[{"traceId":"abcd0000000000000001","id":"2","parentId":"2","name":"x","timestamp":10,"duration":5,
		"annotations":[{"timestamp":10,"value":"sr","endpoint":{"serviceName":"b","ipv4":"52.0.0.04"}},
		               {"timestamp":15,"value":"ss","endpoint":{"serviceName":"b","ipv4":"52.0.0.04"}}],
		"binaryAnnotations":[{"key":"ca","value":true,"endpoint":{"serviceName":"a","ipv6":"::ffff:10.0.0.1"}}]}]`
	if status, msg := testkit.PostSpans(t, "http://"+r.Addr()+"/api/v1/spans", "application/json", "", []byte(body)); status != 202 {
		t.Fatalf("POST: %d %s", status, msg)
	}
	var got []map[string]any
	getJSON(t, r, "/api/v2/trace/000000000000abcd0000000000000001", &got)
	var want map[string]any
	mustUnmarshal(t, []byte(`{"traceId":"000000000000abcd0000000000000001","id":"0000000000000002","kind":"SERVER","name":"x",
		"timestamp":10,"duration":5,"localEndpoint":{"serviceName":"b","ipv4":"52.0.0.4"},
		"remoteEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"}}`), &want)
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("v1/V1SpanConverter.java:\nserved %v\nZipkin %v", got, want)
	}
}
