package tracing_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

func TestReceiverDecodesAndServes(t *testing.T) {
	t.Parallel()
	r, err := receiver.Start("127.0.0.1:0", receiver.MaxTraces(3))
	testkit.Must(t, err)
	t.Cleanup(func() { r.Close() })
	post := func(ct, ce string, body []byte) (int, string) { return testkit.PostSpans(t, r.URL(), ct, ce, body) }
	// Real spans from a session, serialized by zipkin-go.
	s := sessiontest.To(t, "local", func(c *tracing.Config) { c.Listen = "127.0.0.1:0" })
	sessiontest.Fill(t, s, 2, 2)
	spans := s.Outbox().PendingSpans()
	ptrs := []*model.SpanModel{&spans[0], &spans[1], &spans[2], &spans[3]}
	jsonBody, _ := outbox.EncodingJSON.Serializer().Serialize(ptrs[:2])
	protoBody, _ := outbox.EncodingProto.Serializer().Serialize(ptrs[2:])

	for _, c := range []struct {
		name, ct, ce string
		body         []byte
		want         int
		msg          string
	}{
		{"json", "application/json", "", jsonBody, 202, ""},
		{"proto", "application/x-protobuf", "", protoBody, 202, ""},
		{"gzip json", "application/json", "gzip", testkit.Gzip(jsonBody), 202, ""},
		{"empty list", "application/json", "", []byte("[]"), 202, ""},
		{"empty body", "application/json", "", nil, 202, ""},
		{"not a list", "application/json", "", []byte(`{"a":1}`), 400, "Expected a JSON_V2 encoded list"},
		{"bad json", "application/json", "", []byte(`[{bad}]`), 400, "invalid character"},
		{"bad gzip", "application/json", "gzip", []byte("plain"), 400, "Cannot gunzip spans"},
		{"bad proto", "application/x-protobuf", "", []byte("\xff\xff"), 400, "PROTO3"},
	} {
		status, msg := post(c.ct, c.ce, c.body)
		if status != c.want || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: want %d %q, have %d %q", c.name, c.want, c.msg, status, msg)
		}
	}
	// The gzip batch repeats the JSON one: identical spans are stored once.
	if st := r.Stats(); st.Spans != 6 || st.Duplicates != 2 || st.Stored != 4 || st.Rejected != 4 {
		t.Errorf("stats: %+v", st)
	}
	// Read back one trace by ID, as curl would.
	tid := spans[2].TraceID.String()
	resp, err := http.Get("http://" + r.Addr() + "/api/v2/trace/" + tid)
	if err != nil {
		t.Fatal(err)
	}
	var back []model.SpanModel
	_ = json.NewDecoder(resp.Body).Decode(&back)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(back) != 2 {
		t.Fatalf("trace %s: status %d, %d spans", tid, resp.StatusCode, len(back))
	}
	ids := []string{back[0].ID.String(), back[1].ID.String()}
	sort.Strings(ids)
	wantIDs := []string{spans[2].ID.String(), spans[3].ID.String()}
	sort.Strings(wantIDs)
	if ids[0] != wantIDs[0] || ids[1] != wantIDs[1] {
		t.Errorf("read back IDs %v, want %v", ids, wantIDs)
	}
	resp, _ = http.Get("http://" + r.Addr() + "/api/v2/trace/00000000000000ff")
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("unknown trace: want 404, have %d", resp.StatusCode)
	}
	resp, _ = http.Get("http://" + r.Addr() + "/api/v2/services")
	var services []string
	_ = json.NewDecoder(resp.Body).Decode(&services)
	resp.Body.Close()
	if len(services) != 1 || services[0] != "playground" {
		t.Errorf("services: %v", services)
	}
	// Bounded memory: 4 more traces with MaxTraces 3 evict the oldest.
	sessiontest.Fill(t, s, 4, 1)
	more := s.Outbox().PendingSpans()[4:]
	var mp []*model.SpanModel
	for i := range more {
		mp = append(mp, &more[i])
	}
	b, _ := outbox.EncodingJSON.Serializer().Serialize(mp)
	post("application/json", "", b)
	if st := r.Stats(); st.Traces != 3 || st.Evicted != 3 {
		t.Errorf("eviction: %+v", st)
	}
}
