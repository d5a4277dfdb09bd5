package zipkinv1

import (
	"bytes"
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/openzipkin/zipkin-go/model"
)

// The py_zipkin fixtures in testdata were captured with (python3-py-zipkin 0.15.0):
//
//	class Capture(BaseTransportHandler):
//	    def get_max_payload_bytes(self): return None
//	    def send(self, payload): open(path, 'wb').write(payload)
//	with zipkin_span(service_name='py-checkout', span_name='GET /checkout', transport_handler=Capture(),
//	        sample_rate=100.0, encoding=Encoding.V1_THRIFT (or V1_JSON), kind=Kind.SERVER,
//	        binary_annotations={'order.id': '42'}, host='10.0.0.1', port=8000) as root:
//	    with zipkin_span(service_name='py-checkout', span_name='charge card', kind=Kind.CLIENT,
//	            binary_annotations={'card': 'visa'}) as client:
//	        client.add_sa_binary_annotation(port=8080, service_name='payments', host='10.0.0.2')
//	    with zipkin_span(service_name='py-checkout', span_name='render',
//	            annotations={'rendered': 1700000000.5}):
//	        pass

// TestDecodePyZipkin: py_zipkin's default payload (v1 Thrift) and its v1 JSON
// decode to the same spans: names lowercased, kinds, tags, the remote
// endpoint from "sa", parent links, and its "render" span (reported as a
// loopback RPC) split into a CLIENT and a shared SERVER span as Zipkin does.
func TestDecodePyZipkin(t *testing.T) {
	t.Parallel()
	for file, decode := range map[string]func([]byte) ([]model.SpanModel, error){
		"testdata/py_zipkin_v1.thrift": DecodeV1Thrift,
		"testdata/py_zipkin_v1.json":   DecodeV1JSON,
	} {
		t.Run(file, func(t *testing.T) {
			spans := decodeFile(t, file, decode)
			want := []string{
				"charge card CLIENT py-checkout 10.0.0.1:8000 → payments 10.0.0.2:8080 parent=get /checkout tags=card=visa",
				"get /checkout SERVER py-checkout 10.0.0.1:8000 parent= tags=order.id=42",
				"render CLIENT py-checkout 10.0.0.1:8000 parent=get /checkout annotations=rendered",
				"render SERVER shared py-checkout 10.0.0.1:8000 parent=get /checkout",
			}
			if have := describeSpans(spans); strings.Join(want, "\n") != strings.Join(have, "\n") {
				t.Errorf("want\n%s\nhave\n%s", strings.Join(want, "\n"), strings.Join(have, "\n"))
			}
		})
	}
}

// TestDecodeZipkinJS: zipkin-js's default v1 JSON, whose "sa" is a boolean
// (Jaeger refuses it; Zipkin and we accept it). Captured with zipkin 0.22.0:
// a BatchRecorder whose logger keeps jsonEncoder.JSON_V1.encode(span), a root
// with ServerRecv/ServerSend and recordBinary('http.path', '/checkout'), a
// child with ClientSend, ServerAddr(payments 10.0.0.2:8080),
// recordBinary('card', 'visa'), ClientRecv.
func TestDecodeZipkinJS(t *testing.T) {
	t.Parallel()
	spans := decodeFile(t, "testdata/zipkin_js_v1.json", DecodeV1JSON)
	want := []string{
		"charge CLIENT js-front → payments 10.0.0.2:8080 parent=get tags=card=visa",
		"get SERVER js-front parent= tags=http.path=/checkout",
	}
	if have := describeSpans(spans); strings.Join(want, "\n") != strings.Join(have, "\n") {
		t.Errorf("want\n%s\nhave\n%s", strings.Join(want, "\n"), strings.Join(have, "\n"))
	}
}

// TestDecodeOTelFixtures: the collector-contrib zipkinv1 fixtures (v1 JSON
// nobody here wrote) decode as Zipkin's V1SpanConverter reads them.
func TestDecodeOTelFixtures(t *testing.T) {
	t.Parallel()
	spans := decodeFile(t, "testdata/otel_zipkin_v1_single_batch.json", DecodeV1JSON)
	want := []string{
		// service2's tags have no endpoint: Zipkin gives them to the span's first service.
		"checkavailability CLIENT front-proxy 172.31.0.2 parent=",
		"checkavailability SERVER shared service1 172.31.0.4 parent= annotations=custom time event",
		"checkstock   parent=checkavailability",
		"checkstock CLIENT service1 172.31.0.4 parent=checkavailability",
		"checkstock SERVER shared service2 172.31.0.7 parent=checkavailability tags=http.status_code=200,http.url=http://localhost:9000/trace/2,processed=1.5,success=true",
	}
	if have := describeSpans(spans); strings.Join(want, "\n") != strings.Join(have, "\n") {
		t.Errorf("want\n%s\nhave\n%s", strings.Join(want, "\n"), strings.Join(have, "\n"))
	}
	local := decodeFile(t, "testdata/otel_zipkin_v1_local_component.json", DecodeV1JSON)
	want = []string{
		// An "lc" with a value is a tag; its endpoint is the local endpoint.
		"checkstock   parent=0ed2e63cbe71f5a8 tags=lc=myLocalComponent",
		"sendorder  myservicename 172.31.0.7 parent=0ed2e63cbe71f5a8 tags=lc=myLocalComponent",
	}
	if have := describeSpans(local); strings.Join(want, "\n") != strings.Join(have, "\n") {
		t.Errorf("want\n%s\nhave\n%s", strings.Join(want, "\n"), strings.Join(have, "\n"))
	}
}

func decodeFile(t *testing.T, file string, decode func([]byte) ([]model.SpanModel, error)) []model.SpanModel {
	t.Helper()
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	spans, err := decode(body)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return spans
}

// describeSpans is one sorted line per span: name, kind, shared, local and
// remote endpoint, the parent's name, tags and annotations.
func describeSpans(spans []model.SpanModel) []string {
	names := map[model.ID]string{}
	for _, s := range spans {
		if _, ok := names[s.ID]; !ok || s.Kind == model.Client {
			names[s.ID] = s.Name
		}
	}
	ep := func(e *model.Endpoint) string {
		if e == nil {
			return ""
		}
		s := e.ServiceName
		if e.IPv4 != nil {
			s += " " + e.IPv4.String()
		}
		if e.Port != 0 {
			s += ":" + strconv.Itoa(int(e.Port))
		}
		return s
	}
	var out []string
	for _, s := range spans {
		line := s.Name + " " + string(s.Kind)
		if s.Shared {
			line += " shared"
		}
		line += " " + ep(s.LocalEndpoint)
		if s.RemoteEndpoint != nil {
			line += " → " + ep(s.RemoteEndpoint)
		}
		line += " parent="
		if s.ParentID != nil {
			if name, ok := names[*s.ParentID]; ok {
				line += name
			} else {
				line += s.ParentID.String()
			}
		}
		var tags []string
		for k, v := range s.Tags {
			tags = append(tags, k+"="+v)
		}
		sort.Strings(tags)
		if len(tags) > 0 {
			line += " tags=" + strings.Join(tags, ",")
		}
		for _, a := range s.Annotations {
			line += " annotations=" + a.Value
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

// thriftBA is a binary annotation for encodeThrift: any AnnotationType.
type thriftBA struct {
	key, value string
	typ        int32
	host       *model.Endpoint
}

// encodeThrift writes one zipkincore Span per the IDL with Apache Thrift's
// TBinaryProtocol (test data for the cases py_zipkin does not produce).
func encodeThrift(t testing.TB, list bool, s v1Span, bas []thriftBA) []byte {
	buf := thrift.NewTMemoryBuffer()
	p := thrift.NewTBinaryProtocolConf(buf, nil)
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	endpoint := func(id int16, e *model.Endpoint) {
		must(p.WriteFieldBegin(ctx, "host", thrift.STRUCT, id))
		if v4 := e.IPv4.To4(); v4 != nil {
			must(p.WriteFieldBegin(ctx, "ipv4", thrift.I32, 1))
			must(p.WriteI32(ctx, int32(uint32(v4[0])<<24|uint32(v4[1])<<16|uint32(v4[2])<<8|uint32(v4[3]))))
		}
		must(p.WriteFieldBegin(ctx, "port", thrift.I16, 2))
		must(p.WriteI16(ctx, int16(e.Port)))
		must(p.WriteFieldBegin(ctx, "service_name", thrift.STRING, 3))
		must(p.WriteString(ctx, e.ServiceName))
		if e.IPv6 != nil {
			must(p.WriteFieldBegin(ctx, "ipv6", thrift.STRING, 4))
			must(p.WriteBinary(ctx, e.IPv6))
		}
		must(p.WriteFieldStop(ctx))
	}
	if list {
		must(p.WriteListBegin(ctx, thrift.STRUCT, 1))
	}
	for _, f := range []struct {
		id int16
		v  int64
	}{{1, int64(s.TraceID)}, {4, int64(s.ID)}, {5, int64(s.ParentID)}, {10, s.Timestamp}, {11, s.Duration}} {
		if f.v != 0 {
			must(p.WriteFieldBegin(ctx, "", thrift.I64, f.id))
			must(p.WriteI64(ctx, f.v))
		}
	}
	must(p.WriteFieldBegin(ctx, "name", thrift.STRING, 3))
	must(p.WriteString(ctx, s.Name))
	must(p.WriteFieldBegin(ctx, "annotations", thrift.LIST, 6))
	must(p.WriteListBegin(ctx, thrift.STRUCT, len(s.Annotations)))
	for _, a := range s.Annotations {
		must(p.WriteFieldBegin(ctx, "timestamp", thrift.I64, 1))
		must(p.WriteI64(ctx, a.Timestamp))
		must(p.WriteFieldBegin(ctx, "value", thrift.STRING, 2))
		must(p.WriteString(ctx, a.Value))
		if a.Endpoint != nil {
			endpoint(3, a.Endpoint)
		}
		must(p.WriteFieldStop(ctx))
	}
	must(p.WriteFieldBegin(ctx, "binary_annotations", thrift.LIST, 8))
	must(p.WriteListBegin(ctx, thrift.STRUCT, len(bas)))
	for _, b := range bas {
		must(p.WriteFieldBegin(ctx, "key", thrift.STRING, 1))
		must(p.WriteString(ctx, b.key))
		must(p.WriteFieldBegin(ctx, "value", thrift.STRING, 2))
		must(p.WriteBinary(ctx, []byte(b.value)))
		must(p.WriteFieldBegin(ctx, "annotation_type", thrift.I32, 3))
		must(p.WriteI32(ctx, b.typ))
		if b.host != nil {
			endpoint(4, b.host)
		}
		must(p.WriteFieldStop(ctx))
	}
	must(p.WriteFieldBegin(ctx, "debug", thrift.BOOL, 9))
	must(p.WriteBool(ctx, s.Debug))
	must(p.WriteFieldBegin(ctx, "unknown", thrift.MAP, 99)) // skipped, as Zipkin skips it
	must(p.WriteMapBegin(ctx, thrift.STRING, thrift.I32, 1))
	must(p.WriteString(ctx, "k"))
	must(p.WriteI32(ctx, 1))
	must(p.WriteFieldStop(ctx))
	return bytes.Clone(buf.Bytes())
}

// thriftClient is a CLIENT span whose "sa" is a BOOL, as Thrift clients send
// it, with tags of several AnnotationTypes.
func thriftClient(t testing.TB, list bool) []byte {
	fe := normalEndpoint(v1Frontend)
	return encodeThrift(t, list, v1Span{
		TraceID: 1, ParentID: 2, ID: 3, Name: "GET", Timestamp: 1472470996199000, Duration: 207000, Debug: true,
		Annotations: []v1Annotation{
			{1472470996199000, "cs", fe}, {1472470996300000, "retry", fe}, {1472470996406000, "cr", fe},
			{0, "no timestamp: dropped", fe},
		},
	}, []thriftBA{
		{"http.path", "/api", thriftAnnotationTypeString, fe},
		{"http.status_code", "\x00\x00\x00\xc8", 3, fe}, // I32: dropped, as Zipkin drops it
		{"sa", "\x01", thriftAnnotationTypeBool, &model.Endpoint{ServiceName: "backend", IPv6: []byte(net16("2001:db8::1")), Port: 9000}},
	})
}

func net16(s string) []byte { return append([]byte(nil), mustIP(s)...) }

func mustIP(s string) []byte {
	e, _ := (&v1JSONEPIn{IPv6: &s}).endpoint()
	return e.IPv6
}

func TestDecodeV1ThriftTypes(t *testing.T) {
	t.Parallel()
	spans, err := DecodeV1Thrift(thriftClient(t, true))
	if err != nil {
		t.Fatal(err)
	}
	want := parseV2(t, `[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
		"kind":"CLIENT","debug":true,"localEndpoint":`+v2FE+`,"remoteEndpoint":{"serviceName":"backend","ipv6":"2001:db8::1","port":9000},
		"timestamp":1472470996199000,"duration":207000,"annotations":[{"timestamp":1472470996300000,"value":"retry"}],
		"tags":{"http.path":"/api"}}]`)
	if have := canonV2(t, spans); want != have {
		t.Errorf("want\n%s\nhave\n%s", want, have)
	}
}

// TestDecodeV1ThriftErrors: bad input is one clear sentence, never a panic.
func TestDecodeV1ThriftErrors(t *testing.T) {
	t.Parallel()
	good := thriftClient(t, true)
	for _, tc := range []struct {
		name string
		body []byte
		want string
	}{
		{"single span struct, not a list", thriftClient(t, false), "expected a TBinaryProtocol list of spans"},
		{"JSON", []byte(`[{"traceId":"1"}]`), "the body is JSON"},
		{"cut in the middle", good[:len(good)/2], "the body ends inside span 0 of 1"},
		{"list longer than the body", []byte{12, 0x7f, 0, 0, 0}, "size exceeded max allowed"},
		{"negative list length", []byte{12, 0xff, 0xff, 0xff, 0xff}, "negative size"},
		{"empty span struct", []byte{12, 0, 0, 0, 1, 0}, "traceId is missing or zero"},
	} {
		_, err := DecodeV1Thrift(tc.body)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: want error containing %q, have %v", tc.name, tc.want, err)
		}
	}
	if spans, err := DecodeV1Thrift(nil); err != nil || spans != nil {
		t.Errorf("empty body: %v, %v", spans, err)
	}
}

// FuzzDecodeV1Thrift: no input makes the Thrift decoder panic or allocate
// beyond its body.
func FuzzDecodeV1Thrift(f *testing.F) {
	py, err := os.ReadFile("testdata/py_zipkin_v1.thrift")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(py)
	f.Add(thriftClient(f, true))
	f.Add([]byte{12, 0, 0, 0, 1, 0})
	f.Add([]byte{11, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _ = DecodeV1Thrift(body)
	})
}
