package receiver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"zipkin-playground/tracing/testkit"
)

// bigTagSpan is one span of trace n (v2 JSON) with a tag of size bytes.
func bigTagSpan(n, size int) []byte {
	return []byte(fmt.Sprintf(`[{"traceId":"%016x","id":"%016x","name":"big","timestamp":%d,"localEndpoint":{"serviceName":"svc"},"tags":{"blob":"%s"}}]`,
		n, n, 1_700_000_000_000_000+int64(n), strings.Repeat("x", size)))
}

// The byte budget counts tag values: spans few enough for the span budget
// but large past the byte budget evict the oldest traces.
func TestReceiverByteBudgetEvictsOldestTraces(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t, MaxBytes(4<<20))
	for n := 1; n <= 10; n++ {
		if code, msg := testkit.PostSpans(t, r.URL(), "application/json", "", bigTagSpan(n, 1<<20)); code != 202 {
			t.Fatalf("POST %d: %d %s", n, code, msg)
		}
	}
	st := r.Stats()
	if st.Stored != 3 || st.Evicted != 7 {
		t.Fatalf("stored %d spans, evicted %d traces; want the 3 newest kept", st.Stored, st.Evicted)
	}
	for n := 1; n <= 10; n++ {
		code, _ := getJSON(t, r, fmt.Sprintf("/api/v2/trace/%016x", n), nil)
		if kept := code == 200; kept != (n >= 8) {
			t.Errorf("trace %d: %d", n, code)
		}
	}
}

// A single span over the whole byte budget is not kept (it is counted).
func TestReceiverByteBudgetRefusesToKeepASpanOverIt(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t, MaxBytes(1<<20))
	testkit.PostSpans(t, r.URL(), "application/json", "", bigTagSpan(1, 100))
	if code, msg := testkit.PostSpans(t, r.URL(), "application/json", "", bigTagSpan(2, 2<<20)); code != 202 {
		t.Fatalf("POST: %d %s", code, msg)
	}
	if st := r.Stats(); st.Stored != 0 || st.Spans != 2 || st.EvictedSpans != 2 {
		t.Fatalf("%+v", st)
	}
}

// A /traces answer that would pass the answer budget is cut between traces,
// and a header says so.
func TestReceiverTracesAnswerIsCutAtItsBudget(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t, maxAnswerOption(250_000))
	for n := 1; n <= 4; n++ {
		testkit.PostSpans(t, r.URL(), "application/json", "", bigTagSpan(n, 100_000))
	}
	resp, err := http.Get("http://" + r.Addr() + "/api/v2/traces?endTs=1700000000001&lookback=10000&limit=10")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var traces [][]map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&traces); err != nil {
		t.Fatal(err)
	}
	if len(traces) != 2 || resp.Header.Get(TruncatedHeader) != "2 of 4 traces: the answer is cut at 250000 bytes" {
		t.Fatalf("%d traces, header %q", len(traces), resp.Header.Get(TruncatedHeader))
	}
}
