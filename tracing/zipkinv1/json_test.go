package zipkinv1

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// canonV2 is spans as zipkin-go's v2 JSON, the form compared in tests.
func canonV2(t *testing.T, spans []model.SpanModel) string {
	t.Helper()
	b, err := json.Marshal(spans)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

// parseV2 reads expected spans written by hand as v2 JSON.
func parseV2(t *testing.T, doc string) string {
	t.Helper()
	var spans []model.SpanModel
	if err := json.Unmarshal([]byte(doc), &spans); err != nil {
		t.Fatalf("bad expected v2 JSON: %v", err)
	}
	return canonV2(t, spans)
}

const (
	v2FE = `{"serviceName":"frontend","ipv4":"127.0.0.1"}`
	v2BE = `{"serviceName":"backend","ipv4":"192.168.99.101","port":9000}`
)

// TestDecodeV1JSON: v1 documents and the v2 spans Zipkin's V1SpanConverter
// makes of them (its SpanConverterTest cases, and what real clients send).
func TestDecodeV1JSON(t *testing.T) {
	t.Parallel()
	const ids = `"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get"`
	for _, tc := range []struct{ name, v1, v2 string }{
		{"clientAndServer splits into CLIENT and shared SERVER",
			`[{` + ids + `,"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996238000,"value":"ws","endpoint":` + v1FE + `},
				{"timestamp":1472470996250000,"value":"sr","endpoint":` + v1BE + `},
				{"timestamp":1472470996350000,"value":"ss","endpoint":` + v1BE + `},
				{"timestamp":1472470996403000,"value":"wr","endpoint":` + v1FE + `},
				{"timestamp":1472470996406000,"value":"cr","endpoint":` + v1FE + `}],
			"binaryAnnotations":[{"key":"http.path","value":"/api","endpoint":` + v1FE + `},
				{"key":"http.path","value":"/BACKEND","endpoint":` + v1BE + `},
				{"key":"clnt/finagle.version","value":"6.45.0","endpoint":` + v1FE + `},
				{"key":"srv/finagle.version","value":"6.44.0","endpoint":` + v1BE + `},
				{"key":"ca","value":true,"endpoint":` + v1FE + `},
				{"key":"sa","value":true,"endpoint":` + v1BE + `}]}]`,
			`[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"CLIENT","localEndpoint":` + v2FE + `,"remoteEndpoint":` + v2BE + `,
				"timestamp":1472470996199000,"duration":207000,
				"annotations":[{"timestamp":1472470996238000,"value":"ws"},{"timestamp":1472470996403000,"value":"wr"}],
				"tags":{"clnt/finagle.version":"6.45.0","http.path":"/api"}},
			{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"SERVER","shared":true,"localEndpoint":` + v2BE + `,"remoteEndpoint":` + v2FE + `,
				"timestamp":1472470996250000,"duration":100000,
				"tags":{"http.path":"/BACKEND","srv/finagle.version":"6.44.0"}}]`},
		{"server without timestamp is shared",
			`[{` + ids + `,"annotations":[{"timestamp":1472470996250000,"value":"sr","endpoint":` + v1BE + `},
				{"timestamp":1472470996350000,"value":"ss","endpoint":` + v1BE + `}]}]`,
			`[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"SERVER","shared":true,"localEndpoint":` + v2BE + `,"timestamp":1472470996250000,"duration":100000}]`},
		{"loopback still makes two spans",
			`[{` + ids + `,"timestamp":1472470996199000,"duration":207000,
			"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `},
				{"timestamp":1472470996250000,"value":"sr","endpoint":` + v1FE + `},
				{"timestamp":1472470996350000,"value":"ss","endpoint":` + v1FE + `},
				{"timestamp":1472470996406000,"value":"cr","endpoint":` + v1FE + `}]}]`,
			`[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"CLIENT","localEndpoint":` + v2FE + `,"timestamp":1472470996199000,"duration":207000},
			{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"SERVER","shared":true,"localEndpoint":` + v2FE + `,"timestamp":1472470996250000,"duration":100000}]`},
		{"only ca is a server",
			`[{"traceId":"0000000000000001","id":"0000000000000002","binaryAnnotations":[{"key":"ca","value":true,"endpoint":` + v1FE + `}]}]`,
			`[{"traceId":"0000000000000001","id":"0000000000000002","kind":"SERVER","remoteEndpoint":` + v2FE + `}]`},
		{"empty lc is no tag, names lowercased",
			`[{"traceId":"0000000000000001","id":"0000000000000002","name":"Local","timestamp":1472470996199000,"duration":207000,
				"binaryAnnotations":[{"key":"lc","value":"","endpoint":{"serviceName":"FrontEnd"}}]}]`,
			`[{"traceId":"0000000000000001","id":"0000000000000002","name":"local","localEndpoint":{"serviceName":"frontend"},
				"timestamp":1472470996199000,"duration":207000}]`},
		{"zipkin-js: boolean sa, string and number tags",
			`[{"traceId":"a2fb4a1d1a96d312","id":"a2fb4a1d1a96d312","name":"get","timestamp":1472470996199000,"duration":1000,
				"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":{"serviceName":"js","ipv4":"10.0.0.1"}},
					{"timestamp":1472470996200000,"value":"cr","endpoint":{"serviceName":"js","ipv4":"10.0.0.1"}}],
				"binaryAnnotations":[{"key":"http.status_code","value":"200","endpoint":{"serviceName":"js","ipv4":"10.0.0.1"}},
					{"key":"retries","value":3,"endpoint":{"serviceName":"js","ipv4":"10.0.0.1"}},
					{"key":"cached","value":false,"endpoint":{"serviceName":"js","ipv4":"10.0.0.1"}},
					{"key":"sa","value":true,"endpoint":{"serviceName":"api","ipv6":"2001:db8::c001","port":80}}]}]`,
			`[{"traceId":"a2fb4a1d1a96d312","id":"a2fb4a1d1a96d312","name":"get","kind":"CLIENT",
				"localEndpoint":{"serviceName":"js","ipv4":"10.0.0.1"},"remoteEndpoint":{"serviceName":"api","ipv6":"2001:db8::c001","port":80},
				"timestamp":1472470996199000,"duration":1000,"tags":{"http.status_code":"200"}}]`},
		{"string sa as our serializer and zipkin-ruby send",
			`[{` + ids + `,"annotations":[{"timestamp":1472470996199000,"value":"cs","endpoint":` + v1FE + `}],
				"binaryAnnotations":[{"key":"sa","value":"1","endpoint":` + v1BE + `}]}]`,
			`[{"traceId":"0000000000000001","parentId":"0000000000000002","id":"0000000000000003","name":"get",
				"kind":"CLIENT","localEndpoint":` + v2FE + `,"remoteEndpoint":` + v2BE + `,"timestamp":1472470996199000}]`},
		{"empty list", `[]`, `[]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spans, err := DecodeV1JSON([]byte(tc.v1))
			if err != nil {
				t.Fatal(err)
			}
			if want, have := parseV2(t, tc.v2), canonV2(t, spans); want != have && !(want == "[]" && have == "null") {
				t.Errorf("want\n%s\nhave\n%s", want, have)
			}
		})
	}
}

// TestV1JSONRoundTrip: what V1JSONSerializer writes, DecodeV1JSON (Zipkin's
// reading) turns back into the same v2 spans, a merged CLIENT+SERVER included.
func TestV1JSONRoundTrip(t *testing.T) {
	t.Parallel()
	client := v2Span("get", model.Client, func(s *model.SpanModel) {
		s.LocalEndpoint, s.RemoteEndpoint = normalEndpoint(v1Frontend), normalEndpoint(v1Backend)
		s.Timestamp, s.Duration = micros(1472470996199000), 207000*1000
		s.Annotations = []model.Annotation{{Timestamp: micros(1472470996238000), Value: "retrying"}}
		s.Tags = map[string]string{"http.path": "/api"}
	})
	server := v2Span("get", model.Server, func(s *model.SpanModel) {
		s.Shared, s.LocalEndpoint, s.RemoteEndpoint = true, normalEndpoint(v1Backend), normalEndpoint(v1Frontend)
		s.Timestamp, s.Duration = micros(1472470996250000), 100000*1000
		s.Tags = map[string]string{"error": "boom"}
	})
	local := v2Span("local", model.Undetermined, func(s *model.SpanModel) {
		s.ID, s.ParentID = 4, idPtr(3)
		s.LocalEndpoint, s.Debug = normalEndpoint(v1Frontend), true
		s.Timestamp, s.Duration = micros(1472470996260000), 5000
	})
	sent := []*model.SpanModel{server, client, local}
	body, err := V1JSONSerializer{}.Serialize(sent)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(body), `"id":"0000000000000003"`); n != 1 {
		t.Errorf("client and shared server are %d v1 spans, want 1: %s", n, body)
	}
	got, err := DecodeV1JSON(body)
	if err != nil {
		t.Fatal(err)
	}
	want := canonV2(t, []model.SpanModel{*client, *server, *local})
	if have := canonV2(t, got); want != have {
		t.Errorf("want\n%s\nhave\n%s", want, have)
	}
}

// TestDecodeV1JSONErrors: bad input is one clear sentence, never a panic.
func TestDecodeV1JSONErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ body, want string }{
		{`{"traceId":"1","id":"2"}`, "expected a list"},
		{`[{"id":"2"}]`, "traceId is missing"},
		{`[{"traceId":"0","id":"2"}]`, "traceId is missing or zero"},
		{`[{"traceId":"1"}]`, "id is missing"},
		{`[{"traceId":"ABC","id":"2"}]`, `traceId "ABC" should be 1 to 32 lower-hex digits`},
		{`[{"traceId":"1","id":"00000000000000012"}]`, "id \"00000000000000012\" should be 1 to 16"},
		{`[{"traceId":"1","id":"2","annotations":[{"value":"cs"}]}]`, "annotation 0: timestamp and value are required"},
		{`[{"traceId":"1","id":"2","binaryAnnotations":[{"value":"x"}]}]`, "binary annotation 0 has no key"},
		{`[{"traceId":"1","id":"2","binaryAnnotations":[{"key":"k","value":"v","endpoint":{"port":70000}}]}]`, "invalid port 70000"},
		{`[{"traceId":"1","id":"2","timestamp":99999999999999999}]`, "after the year 2262"},
		{`[{"traceId":"1","id":"2","timestamp":"now"}]`, "v1 JSON: json: cannot unmarshal"},
		{`[{"traceId":"1"`, "v1 JSON: unexpected end of JSON input"},
	} {
		_, err := DecodeV1JSON([]byte(tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: want error containing %q, have %v", tc.body, tc.want, err)
		}
	}
}

func TestLooksLikeV1JSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		body   string
		v1, v2 bool
	}{
		{`[{"traceId":"1","id":"2","binaryAnnotations":[]}]`, true, false},
		{`[{"traceId":"1","id":"2","localEndpoint":{"serviceName":"a"}}]`, false, true},
		{`[{"traceId":"1","id":"2","tags":{"a":"b"}}]`, false, true},
		{`[{"traceId":"1","id":"2","name":"only a name"}]`, false, false}, // either; Zipkin too
	} {
		if have := LooksLikeV1JSON([]byte(tc.body)); have != tc.v1 {
			t.Errorf("LooksLikeV1JSON(%s) = %v", tc.body, have)
		}
		if have := LooksLikeV2JSON([]byte(tc.body)); have != tc.v2 {
			t.Errorf("LooksLikeV2JSON(%s) = %v", tc.body, have)
		}
	}
	if ErrV1JSONOnV2.Error() != "Expected a JSON_V2 encoded list, but received: JSON_V1" {
		t.Errorf("message: %q", ErrV1JSONOnV2)
	}
}

// FuzzDecodeV1JSON: no input makes the decoder panic, and whatever it
// accepts can be served as v2 JSON.
func FuzzDecodeV1JSON(f *testing.F) {
	f.Add([]byte(`[{"traceId":"1","id":"2","annotations":[{"timestamp":1,"value":"cs","endpoint":{"serviceName":"a"}},{"timestamp":5,"value":"sr","endpoint":{"serviceName":"a"}}],"binaryAnnotations":[{"key":"sa","value":true,"endpoint":{"serviceName":"b","ipv6":"::1"}},{"key":"ca","value":"1","endpoint":{"ipv4":"1.2.3.4"}}]}]`))
	f.Add([]byte(`[{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"2","parentId":"2","timestamp":-5,"duration":-1,"annotations":[{"timestamp":9,"value":"mr","endpoint":{"serviceName":"q"}},{"timestamp":3,"value":"ms","endpoint":{"serviceName":"q"}},{"timestamp":4,"value":"wr","endpoint":{"serviceName":"q"}}]}]`))
	f.Add([]byte(`[{"traceId":"1","id":"2","binaryAnnotations":[{"key":"lc","value":""},{"key":"ma","value":true,"endpoint":{"port":-3}}],"debug":true}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(` `))
	for _, file := range []string{"zipkin_js_v1.json", "py_zipkin_v1.json", "otel_zipkin_v1_single_batch.json"} {
		body, err := os.ReadFile("testdata/" + file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		spans, err := DecodeV1JSON(body)
		if err != nil {
			return
		}
		for _, s := range spans {
			if s.Timestamp.IsZero() || s.Timestamp.Unix() >= 1 {
				if _, err := json.Marshal(s); err != nil {
					t.Errorf("decoded span cannot be served: %v", err)
				}
			}
		}
	})
}
