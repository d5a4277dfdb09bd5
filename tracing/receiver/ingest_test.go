package receiver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"google.golang.org/protobuf/proto"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/testkit"
)

// startTestReceiver is a receiver on a free loopback port, closed with t.
func startTestReceiver(t testing.TB, opts ...Option) *Receiver {
	t.Helper()
	r, err := Start("127.0.0.1:0", opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// getJSON GETs path from the receiver and decodes the answer into v.
func getJSON(t testing.TB, r *Receiver, path string, v any) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + r.Addr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		checkAgainstSpec(t, path, b)
	}
	if resp.StatusCode == 200 && v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v in %q", path, err, b)
		}
	}
	return resp.StatusCode, string(b)
}

// A proto3 span as zipkin-go's serializer writes a root (parent_id of eight
// zero bytes), without kind and without timestamp (both legal in proto3),
// is served as valid Zipkin v2 JSON: no parentId, no kind, no timestamp —
// and is served at all (zipkin-go's MarshalJSON fails on it).
func TestReceiverNormalisesProto3(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	var got [][]model.SpanModel
	r.opts.onSpans = func(s []model.SpanModel) { got = append(got, s) }
	tid := bytes.Repeat([]byte{0xab}, 16)
	body, err := protoMarshal(&zipkin_proto3.ListOfSpans{Spans: []*zipkin_proto3.Span{
		{TraceId: tid, Id: []byte{0, 0, 0, 0, 0, 0, 0, 1}, ParentId: make([]byte, 8), Name: "NoTime",
			LocalEndpoint: &zipkin_proto3.Endpoint{ServiceName: "Svc"}},
		{TraceId: tid, Id: []byte{0, 0, 0, 0, 0, 0, 0, 2}, ParentId: []byte{0, 0, 0, 0, 0, 0, 0, 1}, Name: "child",
			Kind: zipkin_proto3.Span_CLIENT, Timestamp: 1_700_000_000_000_000, Duration: 5,
			Annotations: []*zipkin_proto3.Annotation{{Timestamp: 1_700_000_000_000_001, Value: "ws"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if status, msg := testkit.PostSpans(t, r.URL(), "application/x-protobuf", "", body); status != 202 {
		t.Fatalf("POST proto3: %d %s", status, msg)
	}
	status, raw := getJSON(t, r, "/api/v2/trace/"+strings.Repeat("ab", 16), nil)
	want := `[{"traceId":"abababababababababababababababab","id":"0000000000000001","name":"notime","localEndpoint":{"serviceName":"svc"}},` +
		`{"traceId":"abababababababababababababababab","parentId":"0000000000000001","id":"0000000000000002","kind":"CLIENT","name":"child","timestamp":1700000000000000,"duration":5,"annotations":[{"timestamp":1700000000000001,"value":"ws"}]}]`
	if status != 200 || raw != want {
		t.Errorf("served\n%d %s\nwant\n%s", status, raw, want)
	}
	if len(got) != 1 || got[0][0].ParentID != nil || got[0][0].Kind != "" || !got[0][0].Timestamp.IsZero() {
		t.Errorf("OnSpans saw an unnormalised span: %+v", got)
	}
}

// zipkin-go's own proto3 serializer writes a root's parent as zeros.
func TestReceiverServesSerializerRootWithoutParent(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	root := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 7}, ID: 9},
		Name: "Root", Timestamp: time.UnixMicro(1_700_000_000_000_000), Duration: time.Millisecond}
	body, _ := outbox.EncodingProto.Serializer().Serialize([]*model.SpanModel{&root})
	testkit.PostSpans(t, r.URL(), "application/x-protobuf", "", body)
	_, raw := getJSON(t, r, "/api/v2/trace/0000000000000007", nil)
	if strings.Contains(raw, "parentId") || strings.Contains(raw, "SPAN_KIND") || !strings.Contains(raw, `"name":"root"`) {
		t.Errorf("served %s", raw)
	}
}

func TestReceiverStoresIdenticalSpansOnce(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	a := `{"traceId":"00000000000000aa","id":"0000000000000001","name":"a","timestamp":1700000000000000,"duration":3}`
	b := `{"traceId":"00000000000000aa","id":"0000000000000001","name":"a","timestamp":1700000000000000,"duration":4}`
	for i := 0; i < 3; i++ {
		testkit.PostSpans(t, r.URL(), "application/json", "", []byte("["+a+","+a+"]"))
	}
	testkit.PostSpans(t, r.URL(), "application/json", "", []byte("["+b+"]")) // differs: kept
	var back []map[string]any
	getJSON(t, r, "/api/v2/trace/00000000000000aa", &back)
	if st := r.Stats(); len(back) != 2 || st.Duplicates != 5 || st.Stored != 2 || st.Spans != 7 {
		t.Errorf("served %d spans, stats %+v", len(back), st)
	}
}

// A gzip bomb is cut at the body limit and answered 413; nothing is stored.
func TestReceiverRefusesGzipBomb(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	bomb := testkit.Gzip(append([]byte("["), bytes.Repeat([]byte(" "), maxBody+10)...))
	if len(bomb) > 1<<20 {
		t.Fatalf("bomb is %d bytes compressed", len(bomb))
	}
	status, msg := testkit.PostSpans(t, r.URL(), "application/json", "gzip", bomb)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "body over") {
		t.Errorf("gzip bomb: %d %q", status, msg)
	}
	if st := r.Stats(); st.Rejected != 1 || st.Stored != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestReceiverRejectsZeroTraceID(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", []byte(`[{"traceId":"0000000000000000","id":"0000000000000001"}]`))
	if status != 400 || !strings.Contains(msg, "traceId") {
		t.Errorf("zero trace ID: %d %q", status, msg)
	}
}

func TestMarshalSpanJSONNeverFailsOnEpochZero(t *testing.T) {
	t.Parallel()
	s := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2},
		Timestamp: time.Unix(0, 0), Kind: protoUnspecifiedKind}
	if _, err := s.MarshalJSON(); err == nil {
		t.Log("zipkin-go's MarshalJSON no longer fails on epoch zero")
	}
	b, err := MarshalSpanJSON(s)
	if want := `{"traceId":"0000000000000001","id":"0000000000000002"}`; err != nil || string(b) != want {
		t.Errorf("MarshalSpanJSON = %s, %v; want %s", b, err, want)
	}
}

// protoMarshal encodes a hand-built proto3 message (spans zipkin-go's
// serializer cannot write, such as one without timestamp).
func protoMarshal(m proto.Message) ([]byte, error) { return proto.Marshal(m) }

// v1 goes to /api/v1/spans; each version on the other's path is refused
// with Zipkin's message rather than stored without service, kind or tags.
func TestReceiverVersionsByPath(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	v1URL := "http://" + r.Addr() + "/api/v1/spans"
	v1 := `[{"traceId":"00000000000000bb","id":"0000000000000001","name":"get","timestamp":1700000000000000,"duration":10,
		"annotations":[{"timestamp":1700000000000000,"value":"sr","endpoint":{"serviceName":"svc"}},{"timestamp":1700000000000010,"value":"ss","endpoint":{"serviceName":"svc"}}],
		"binaryAnnotations":[{"key":"http.path","value":"/x","endpoint":{"serviceName":"svc"}}]}]`
	v2 := `[{"traceId":"00000000000000bb","id":"0000000000000002","name":"v2","localEndpoint":{"serviceName":"svc"},"tags":{"a":"b"}}]`
	for _, c := range []struct {
		name, url, body string
		status          int
		msg             string
		thrift          bool
	}{
		{"v1 JSON on v2", r.URL(), v1, 400, "Expected a JSON_V2 encoded list, but received: JSON_V1", false},
		{"v2 JSON on v1", v1URL, v2, 400, "Expected a JSON_V1 encoded list, but received: JSON_V2", false},
		{"bad v1 JSON", v1URL, `[{"traceId":1}]`, 400, "JSON_V1", false},
		{"v1 JSON on v1", v1URL, v1, 202, "", false},
		{"empty on v1", v1URL, "", 202, "", false},
		{"bad thrift", v1URL, "\x0c\x00\x00\x00\x02\xff", 400, "Expected a THRIFT encoded list", true},
		{"empty thrift", v1URL, "", 202, "", true},
	} {
		ct := "application/json"
		if c.thrift {
			ct = "application/x-thrift"
		}
		status, msg := testkit.PostSpans(t, c.url, ct, "", []byte(c.body))
		if status != c.status || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: %d %q, want %d %q", c.name, status, msg, c.status, c.msg)
		}
	}
	var back []map[string]any
	getJSON(t, r, "/api/v2/trace/00000000000000bb", &back)
	want := `[{"duration":10,"id":"0000000000000001","kind":"SERVER","localEndpoint":{"serviceName":"svc"},"name":"get","tags":{"http.path":"/x"},"timestamp":1700000000000000,"traceId":"00000000000000bb"}]`
	if b, _ := json.Marshal(back); string(b) != want {
		t.Errorf("v1 read back\n%s\nwant\n%s", b, want)
	}
}
