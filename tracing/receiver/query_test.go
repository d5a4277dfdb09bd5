package receiver

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing/testkit"
)

// queryFixture posts four traces, as v2 JSON, and returns "now" in ms:
//   - a (10 min ago): frontend SERVER "get /" → frontend CLIENT "get /api" →
//     backend SERVER sharing its ID, which failed (error tag, "retried");
//   - b (5 min ago): backend SERVER "post /x" called by an uninstrumented
//     gateway, and its CLIENT call to an uninstrumented db;
//   - c (2 days ago): a lone frontend span, outside the default lookback;
//   - d: a "lonely" span without timestamp (found by ID only).
func queryFixture(t *testing.T, r *Receiver) int64 {
	now := time.Now()
	us := func(ago time.Duration) int64 { return now.Add(-ago).UnixMicro() }
	fe, be := `{"serviceName":"frontend"}`, `{"serviceName":"backend"}`
	spans := []string{
		fmt.Sprintf(`{"traceId":"000000000000000a","id":"0000000000000001","kind":"SERVER","name":"GET /","timestamp":%d,"duration":100000,"localEndpoint":%s,"tags":{"http.method":"GET"}}`, us(10*time.Minute), fe),
		fmt.Sprintf(`{"traceId":"000000000000000a","parentId":"0000000000000001","id":"0000000000000002","kind":"CLIENT","name":"get /api","timestamp":%d,"duration":50000,"localEndpoint":%s,"remoteEndpoint":%s}`, us(10*time.Minute), fe, be),
		fmt.Sprintf(`{"traceId":"000000000000000a","parentId":"0000000000000001","id":"0000000000000002","kind":"SERVER","shared":true,"name":"get /api","timestamp":%d,"duration":40000,"localEndpoint":%s,"tags":{"error":"boom"},"annotations":[{"timestamp":%d,"value":"retried"}]}`, us(10*time.Minute), be, us(10*time.Minute)),
		fmt.Sprintf(`{"traceId":"000000000000000b","id":"0000000000000003","kind":"SERVER","name":"post /x","timestamp":%d,"duration":20000,"localEndpoint":%s,"remoteEndpoint":{"serviceName":"gateway"},"tags":{"http.method":"POST"}}`, us(5*time.Minute), be),
		fmt.Sprintf(`{"traceId":"000000000000000b","parentId":"0000000000000003","id":"0000000000000004","kind":"CLIENT","name":"query","timestamp":%d,"duration":5000,"localEndpoint":%s,"remoteEndpoint":{"serviceName":"db"}}`, us(5*time.Minute), be),
		fmt.Sprintf(`{"traceId":"000000000000000c","id":"0000000000000005","name":"old","timestamp":%d,"duration":1000,"localEndpoint":%s}`, us(48*time.Hour), fe),
		`{"traceId":"000000000000000d","id":"0000000000000006","name":"untimed","localEndpoint":{"serviceName":"lonely"}}`,
	}
	if status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", []byte("["+strings.Join(spans, ",")+"]")); status != 202 {
		t.Fatalf("fixture: %d %s", status, msg)
	}
	return now.UnixMilli()
}

// TestQueryAPIConformance calls every endpoint of Zipkin's v2 query API with
// every parameter, checking status and shape as zipkin2-api.yaml states.
func TestQueryAPIConformance(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	now := queryFixture(t, r)
	day := int64(24 * time.Hour / time.Millisecond)
	const a, b, c, d = "000000000000000a", "000000000000000b", "000000000000000c", "000000000000000d"
	traces := func(q string) string { return "/api/v2/traces?" + q }
	for _, tc := range []struct {
		path   string
		status int
		want   any // []string of names or trace IDs (traces: each trace's ID, in order), or a check func
	}{
		{"/api/v2/services", 200, []string{"backend", "frontend", "lonely"}},
		{"/api/v2/spans?serviceName=frontend", 200, []string{"get /", "get /api", "old"}},
		{"/api/v2/spans?serviceName=FRONTEND", 200, []string{"get /", "get /api", "old"}},
		{"/api/v2/spans?serviceName=nobody", 200, []string{}},
		{"/api/v2/spans", 400, nil},
		{"/api/v2/remoteServices?serviceName=frontend", 200, []string{"backend"}},
		{"/api/v2/remoteServices?serviceName=backend", 200, []string{"db", "gateway"}},
		{"/api/v2/remoteServices", 400, nil},
		{traces(""), 200, []string{b, a}}, // d has no timestamp: Zipkin leaves it out
		{traces("serviceName=backend"), 200, []string{b, a}},
		{traces("serviceName=backend&spanName=post%20/x"), 200, []string{b}},
		{traces("spanName=get%20/api"), 200, []string{a}},
		{traces("spanName=all"), 200, []string{b, a}},
		{traces("remoteServiceName=db"), 200, []string{b}},
		{traces("annotationQuery=error"), 200, []string{a}},
		{traces("annotationQuery=retried"), 200, []string{a}},
		{traces("annotationQuery=http.method%3DGET"), 200, []string{a}},
		{traces("annotationQuery=http.method%3DPOST"), 200, []string{b}},
		{traces("annotationQuery=" + url.QueryEscape("error and http.method=GET")), 200, []string{a}},
		{traces("annotationQuery=" + url.QueryEscape("error and http.method=POST")), 200, []string{}},
		{traces("serviceName=frontend&annotationQuery=error"), 200, []string{}}, // the error is backend's
		{traces("minDuration=60000"), 200, []string{a}},
		{traces("minDuration=10000&maxDuration=30000"), 200, []string{b}},
		{traces("limit=1"), 200, []string{b}},
		{traces(fmt.Sprintf("endTs=%d&lookback=%d", now-day, 2*day)), 200, []string{c}},
		{traces(fmt.Sprintf("lookback=%d", 3*day)), 200, []string{b, a, c}},
		{traces(fmt.Sprintf("endTs=%d", now-7*60*1000)), 200, []string{a}},
		{traces("limit=0"), 400, nil},
		{traces("minDuration=abc"), 400, nil},
		{traces("minDuration=50&maxDuration=10"), 400, nil},
		{"/api/v2/trace/" + a, 200, []string{a, a, a}},
		{"/api/v2/trace/" + strings.ToUpper(a), 400, nil}, // Span.normalizeTraceId: lower-hex only
		{"/api/v2/trace/" + d, 200, []string{d}},
		{"/zipkin/api/v2/trace/" + a, 200, []string{a, a, a}},
		{"/zipkin/api/v2/services", 200, []string{"backend", "frontend", "lonely"}},
		{"/zipkin/config.json", 200, map[string]any{"environment": "", "queryLimit": 10.0, "defaultLookback": 604800000.0,
			"searchEnabled": true, "logsUrl": nil, "supportUrl": nil, "archivePostUrl": nil, "archiveUrl": nil,
			"dependency": map[string]any{"enabled": true, "lowErrorRate": 0.5, "highErrorRate": 0.75}}},
		{"/api/v2/trace/00000000000000ff", 404, nil},
		{"/api/v2/trace/xyz", 400, nil},
		{"/api/v2/traceMany?traceIds=" + a + "," + b, 200, []string{a, b}},
		{"/api/v2/traceMany?traceIds=" + a + ",00000000000000ff", 200, []string{a}},
		{"/api/v2/traceMany?traceIds=" + a, 400, nil},
		{"/api/v2/traceMany?traceIds=" + a + "," + a, 400, nil},
		{"/api/v2/traceMany", 400, nil},
		{fmt.Sprintf("/api/v2/dependencies?endTs=%d", now), 200, []DependencyLink{
			{Parent: "backend", Child: "db", CallCount: 1},
			{Parent: "frontend", Child: "backend", CallCount: 1, ErrorCount: 1},
			{Parent: "gateway", Child: "backend", CallCount: 1},
		}},
		{fmt.Sprintf("/api/v2/dependencies?endTs=%d&lookback=%d", now, 6*60*1000), 200, []DependencyLink{
			{Parent: "backend", Child: "db", CallCount: 1},
			{Parent: "gateway", Child: "backend", CallCount: 1},
		}},
		{"/api/v2/dependencies", 400, nil},
		{"/api/v2/dependencies?endTs=x", 400, nil},
		{"/api/v2/autocompleteKeys", 200, []string{"error", "http.method"}},
		{"/api/v2/autocompleteValues?key=http.method", 200, []string{"GET", "POST"}},
		{"/api/v2/autocompleteValues", 400, nil},
		{"/health", 200, map[string]any{"status": "UP", "zipkin": map[string]any{"status": "UP"}}},
		{"/api/v2/nothing", 404, nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			var raw json.RawMessage
			status, body := getJSON(t, r, tc.path, &raw)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			if tc.want == nil {
				return
			}
			have := decodeLike(t, raw, tc.path, tc.want)
			if !reflect.DeepEqual(have, tc.want) {
				t.Errorf("have %#v\nwant %#v", have, tc.want)
			}
		})
	}
}

// decodeLike decodes raw into the shape of want; traces and trace answers
// become the trace IDs of their spans.
func decodeLike(t *testing.T, raw json.RawMessage, path string, want any) any {
	path = strings.TrimPrefix(path, "/zipkin")
	switch {
	case strings.HasPrefix(path, "/api/v2/traces"), strings.HasPrefix(path, "/api/v2/traceMany"):
		var list [][]struct{ TraceID string }
		mustUnmarshal(t, raw, &list)
		ids := []string{}
		for _, tr := range list {
			ids = append(ids, tr[0].TraceID)
		}
		return ids
	case strings.HasPrefix(path, "/api/v2/trace/"):
		var spans []struct{ TraceID string }
		mustUnmarshal(t, raw, &spans)
		ids := []string{}
		for _, s := range spans {
			ids = append(ids, s.TraceID)
		}
		return ids
	}
	v := reflect.New(reflect.TypeOf(want))
	mustUnmarshal(t, raw, v.Interface())
	return v.Elem().Interface()
}

func mustUnmarshal(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%v in %s", err, raw)
	}
}

// An answer that cannot be encoded is a 500 with the reason, never an empty
// 200 (zipkin-go's MarshalJSON failing made /trace/{id} answer 200 and
// nothing).
func TestWriteBodyNeverAnEmpty200(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	writeBody(rec, nil, errors.New("valid timestamp required"))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "cannot encode spans: valid timestamp required") {
		t.Errorf("%d %q", rec.Code, rec.Body.String())
	}
}
