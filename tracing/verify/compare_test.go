package verify

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// jaegerFixture serves what a real Jaeger v2 answered for the spans of
// testdata/jaeger/posted.json (see its README) on /api/traces/{id}.
func jaegerFixture(t *testing.T) (*JaegerQuery, []model.SpanModel) {
	t.Helper()
	var posted []model.SpanModel
	b, err := os.ReadFile(filepath.Join("testdata", "jaeger", "posted.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &posted); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/traces/")
		body, err := os.ReadFile(filepath.Join("testdata", "jaeger", "trace-"+id+".json"))
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"data":null,"errors":[{"code":404,"msg":"trace not found"}]}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	base, err := ParseQueryURL(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return NewJaegerQuery(base, QueryOptions{}), posted
}

func spansOf(spans []model.SpanModel, id model.TraceID) []model.SpanModel {
	var out []model.SpanModel
	for _, s := range spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	return out
}

// TestJaegerQueryMapsBackToZipkin checks the mapping of Jaeger's model back to
// Zipkin fields on what a real Jaeger stored: kind from span.kind, endpoints
// from the process and the net.*/peer.* tags, annotations from logs.
func TestJaegerQueryMapsBackToZipkin(t *testing.T) {
	t.Parallel()
	q, posted := jaegerFixture(t)
	stored, err := q.Trace(context.Background(), posted[0].TraceID)
	if err != nil {
		t.Fatal(err)
	}
	if want, have := 6, len(stored); want != have { // 7 posted, one duplicate
		t.Fatalf("spans: want %d, have %d", want, have)
	}
	byID := map[model.ID]model.SpanModel{}
	for _, s := range stored {
		byID[s.ID] = s
	}
	client := byID[0xa2]
	if client.Kind != model.Client || client.Name != "charge card" {
		t.Errorf("client span: %+v", client)
	}
	want := &model.Endpoint{ServiceName: "payments", IPv4: net.ParseIP("10.9.9.9").To4(), Port: 443}
	if have := client.RemoteEndpoint; have == nil || have.ServiceName != want.ServiceName || !have.IPv4.Equal(want.IPv4) || have.Port != want.Port {
		t.Errorf("remote endpoint: want %+v, have %+v", want, have)
	}
	if len(client.Annotations) != 1 || client.Annotations[0].Value != "retrying" {
		t.Errorf("annotations: %+v", client.Annotations)
	}
	if len(client.Tags) != 0 {
		t.Errorf("kind and endpoint tags should be consumed, left: %v", client.Tags)
	}
	root := byID[1]
	if le := root.LocalEndpoint; le == nil || le.ServiceName != "Shop" || le.IPv4.String() != "10.1.2.3" || le.Port != 8080 {
		t.Errorf("root local endpoint: %+v", le)
	}
	if root.ParentID != nil || root.Kind != model.Undetermined || root.Tags["order.id"] != "42" {
		t.Errorf("root: %+v", root)
	}
	if none, err := q.Trace(context.Background(), model.TraceID{Low: 0xfff}); err != nil || none != nil {
		t.Errorf("unknown trace: want no spans and no error, have %v, %v", none, err)
	}
}

// TestCompareExplainsJaegerRewrites compares what was POSTed with what the real
// Jaeger stored: every difference is one of the known rewrites.
func TestCompareExplainsJaegerRewrites(t *testing.T) {
	t.Parallel()
	q, posted := jaegerFixture(t)
	type want struct{ spanID, field, sent, stored, rewrite string }
	for _, tc := range []struct {
		trace model.TraceID
		want  []want
	}{
		{posted[0].TraceID, []want{
			{"00000000000000a2", "id", "00000000000000a2", "0000000000000002", "jaeger-shared-span-id"},
			{"00000000000000a2", "parentId", "0000000000000001", "00000000000000a2", "jaeger-shared-span-parent"},
			{"00000000000000a2", "shared", "true", "false", "jaeger-no-shared-flag"},
			{"00000000000000a3", "parentId", "00000000000000a2", "0000000000000002", "jaeger-shared-child-parent"},
			{"00000000000000a3", "tags.error", "card declined", "card declined, true", "otel-error-status"},
			{"00000000000000a3", "tags.otel.status_code", "", "ERROR", "otel-status-code"},
			{"00000000000000a3", "debug", "true", "false", "jaeger-no-debug"},
			{"00000000000000a4", "localEndpoint.serviceName", "", "missing-service-name", "missing-service-name"},
			{"00000000000000a5", "copies", "2", "1", "duplicate-collapse"},
		}},
		{model.TraceID{Low: 0xdef}, []want{
			{"0000000000000def", "tags.otel.status_code", "", "ERROR", "otel-status-code"},
		}},
	} {
		stored, err := q.Trace(context.Background(), tc.trace)
		if err != nil {
			t.Fatal(err)
		}
		sent := spansOf(posted, tc.trace)
		rep := compareTrace(sent, stored, QueryKindJaeger, outbox.EncodingJSON)
		if rep.State != StateChanged || rep.Found != rep.Spans {
			t.Errorf("%s: want changed with every span found, have %s %d/%d", tc.trace, rep.State, rep.Found, rep.Spans)
		}
		var have []want
		for _, d := range rep.Differences {
			if d.Rewrite == "" || d.Why == unknownRewrite {
				t.Errorf("unexplained: %+v", d)
			}
			have = append(have, want{d.SpanID, d.Field, d.Sent, d.Stored, d.Rewrite})
		}
		sort.Slice(have, func(i, j int) bool { return have[i].spanID+have[i].field < have[j].spanID+have[j].field })
		sort.Slice(tc.want, func(i, j int) bool { return tc.want[i].spanID+tc.want[i].field < tc.want[j].spanID+tc.want[j].field })
		if len(have) != len(tc.want) {
			t.Fatalf("%s differences:\nwant %v\nhave %v", tc.trace, tc.want, have)
		}
		for i := range have {
			if have[i] != tc.want[i] {
				t.Errorf("difference %d: want %+v, have %+v", i, tc.want[i], have[i])
			}
		}
	}
}

// span builds a finished span of trace 0x1 for the synthetic cases.
func span(id, parent uint64, name string, mutate ...func(*model.SpanModel)) model.SpanModel {
	s := model.SpanModel{
		SpanContext:   model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: model.ID(id)},
		Name:          name,
		Timestamp:     time.UnixMicro(1_700_000_000_000_000),
		Duration:      1500 * time.Microsecond,
		LocalEndpoint: &model.Endpoint{ServiceName: "shop"},
	}
	if parent != 0 {
		p := model.ID(parent)
		s.ParentID = &p
	}
	for _, m := range mutate {
		m(&s)
	}
	return s
}

// TestCompareTable covers each rewrite not in the Jaeger fixture, an unknown
// difference, and the three states.
func TestCompareTable(t *testing.T) {
	t.Parallel()
	tagged := func(k, v string) func(*model.SpanModel) {
		return func(s *model.SpanModel) { s.Tags = map[string]string{k: v} }
	}
	shifted := func(d time.Duration) func(*model.SpanModel) {
		return func(s *model.SpanModel) { s.Timestamp = s.Timestamp.Add(d) }
	}
	for _, tc := range []struct {
		name         string
		sent, stored []model.SpanModel
		api          string
		enc          outbox.Encoding
		state        State
		field        string
		rewrite      string // "" = not a known rewrite
	}{
		{"intact", []model.SpanModel{span(1, 0, "a")}, []model.SpanModel{span(1, 0, "a")}, QueryKindZipkin, outbox.EncodingJSON, StateVerified, "", ""},
		{"json lowercases", []model.SpanModel{span(1, 0, "GET /Cart")}, []model.SpanModel{span(1, 0, "get /cart")}, QueryKindJaeger, outbox.EncodingJSON, StateChanged, "name", "json-lowercase"},
		{"zipkin lowercases proto", []model.SpanModel{span(1, 0, "GET /Cart")}, []model.SpanModel{span(1, 0, "get /cart")}, QueryKindZipkin, outbox.EncodingProto, StateChanged, "name", "zipkin-lowercase"},
		{"service lowercased", []model.SpanModel{span(1, 0, "a", func(s *model.SpanModel) { s.LocalEndpoint.ServiceName = "Shop" })},
			[]model.SpanModel{span(1, 0, "a")}, QueryKindZipkin, outbox.EncodingJSON, StateChanged, "localEndpoint.serviceName", "json-lowercase"},
		{"proto keeps case, Jaeger lowercased: unknown", []model.SpanModel{span(1, 0, "GET")}, []model.SpanModel{span(1, 0, "get")}, QueryKindJaeger, outbox.EncodingProto, StateChanged, "name", ""},
		{"rounded a microsecond", []model.SpanModel{span(1, 0, "a")}, []model.SpanModel{span(1, 0, "a", shifted(time.Microsecond))}, QueryKindZipkin, outbox.EncodingJSON, StateChanged, "timestamp", "microsecond-rounding"},
		{"clock skew", []model.SpanModel{span(1, 0, "a"), span(2, 1, "b")}, []model.SpanModel{span(1, 0, "a"), span(2, 1, "b", shifted(time.Millisecond))}, QueryKindJaeger, outbox.EncodingJSON, StateChanged, "timestamp", "jaeger-clock-skew"},
		{"shifted in Zipkin: unknown", []model.SpanModel{span(1, 0, "a"), span(2, 1, "b")}, []model.SpanModel{span(1, 0, "a"), span(2, 1, "b", shifted(time.Millisecond))}, QueryKindZipkin, outbox.EncodingJSON, StateChanged, "timestamp", ""},
		{"tag value changed: unknown", []model.SpanModel{span(1, 0, "a", tagged("k", "v"))}, []model.SpanModel{span(1, 0, "a", tagged("k", "w"))}, QueryKindZipkin, outbox.EncodingJSON, StateChanged, "tags.k", ""},
		{"error message lost in Zipkin: unknown", []model.SpanModel{span(1, 0, "a", tagged("error", "boom"))}, []model.SpanModel{span(1, 0, "a", tagged("error", "true"))}, QueryKindZipkin, outbox.EncodingJSON, StateChanged, "tags.error", ""},
		{"peer.service tag read back as the remote endpoint", []model.SpanModel{span(1, 0, "a", tagged("peer.service", "bank"), func(s *model.SpanModel) { s.RemoteEndpoint = &model.Endpoint{ServiceName: "bank"} })},
			[]model.SpanModel{span(1, 0, "a", func(s *model.SpanModel) { s.RemoteEndpoint = &model.Endpoint{ServiceName: "bank"} })}, QueryKindJaeger, outbox.EncodingJSON, StateChanged, "tags.peer.service", "jaeger-peer-service"},
		{"a span short", []model.SpanModel{span(1, 0, "a"), span(2, 1, "b")}, []model.SpanModel{span(1, 0, "a")}, QueryKindZipkin, outbox.EncodingJSON, StateMissing, "", ""},
		{"nothing stored", []model.SpanModel{span(1, 0, "a")}, nil, QueryKindZipkin, outbox.EncodingJSON, StateMissing, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := compareTrace(tc.sent, tc.stored, tc.api, tc.enc)
			if want, have := tc.state, rep.State; want != have {
				t.Fatalf("state: want %s, have %s (%+v)", want, have, rep.Differences)
			}
			if tc.field == "" {
				if len(rep.Differences) != 0 {
					t.Errorf("want no differences, have %+v", rep.Differences)
				}
				return
			}
			if len(rep.Differences) != 1 {
				t.Fatalf("want one difference, have %+v", rep.Differences)
			}
			d := rep.Differences[0]
			if d.Field != tc.field || d.Rewrite != tc.rewrite {
				t.Errorf("want %s explained by %q, have %s by %q", tc.field, tc.rewrite, d.Field, d.Rewrite)
			}
			if wantWhy := unknownRewrite; tc.rewrite == "" && d.Why != wantWhy {
				t.Errorf("why: want %q, have %q", wantWhy, d.Why)
			}
			if r, ok := RewriteNamed(tc.rewrite); tc.rewrite != "" && (!ok || d.Why != r.Why || r.Explain == "") {
				t.Errorf("why %q does not come from the table entry %q", d.Why, tc.rewrite)
			}
		})
	}
}

// TestCompareUsesWireMicroseconds: zipkin-go's JSON serializer rounds a
// duration to the nearest microsecond and its proto3 serializer truncates, so
// 1.6µs is 2µs sent as JSON and 1µs as proto — no difference either way.
func TestCompareUsesWireMicroseconds(t *testing.T) {
	t.Parallel()
	sent := span(1, 0, "a", func(s *model.SpanModel) { s.Duration = 1600 * time.Nanosecond })
	for enc, us := range map[outbox.Encoding]time.Duration{outbox.EncodingJSON: 2, outbox.EncodingProto: 1} {
		stored := sent
		stored.Duration = us * time.Microsecond
		if rep := compareTrace([]model.SpanModel{sent}, []model.SpanModel{stored}, QueryKindZipkin, enc); rep.State != StateVerified {
			t.Errorf("%s: want verified, have %s %+v", enc, rep.State, rep.Differences)
		}
	}
}

// TestCompareV1MergedShared: v1 sends a CLIENT span and its shared SERVER half
// as one span, so the half is not missing (nor counted as stored) and its tag
// on the client is explained.
func TestCompareV1MergedShared(t *testing.T) {
	t.Parallel()
	client := span(2, 1, "call", func(s *model.SpanModel) { s.Kind = model.Client })
	server := span(2, 1, "call", func(s *model.SpanModel) {
		s.Kind, s.Shared, s.Tags = model.Server, true, map[string]string{"k": "v"}
	})
	stored := client
	stored.Tags = map[string]string{"k": "v"}
	sent := []model.SpanModel{span(1, 0, "root"), client, server}
	if want, have := 2, expectedSpans(sent, outbox.EncodingV1); want != have {
		t.Errorf("spans to wait for: want %d, have %d", want, have)
	}
	rep := compareTrace(sent, []model.SpanModel{span(1, 0, "root"), stored}, QueryKindZipkin, outbox.EncodingV1)
	// Found counts what was stored: the backend holds 2 spans of the 3 sent
	// (the SERVER half rode in its CLIENT's), and the difference says so.
	if rep.State != StateChanged || rep.Found != 2 || rep.Spans != 3 {
		t.Fatalf("want changed 2/3, have %s %d/%d", rep.State, rep.Found, rep.Spans)
	}
	got := map[string]string{}
	for _, d := range rep.Differences {
		got[d.Field] = d.Rewrite
	}
	if got["span"] != "v1-merged-shared" || got["tags.k"] != "v1-merged-fields" || len(got) != 2 {
		t.Errorf("differences: %+v", rep.Differences)
	}
	if rep := compareTrace(sent, []model.SpanModel{span(1, 0, "root"), stored}, QueryKindZipkin, outbox.EncodingJSON); rep.State != StateMissing {
		t.Errorf("sent as JSON the SERVER half is its own span: want missing, have %s", rep.State)
	}
}
