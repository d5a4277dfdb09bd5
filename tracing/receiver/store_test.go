package receiver

import (
	"fmt"
	"strings"
	"testing"

	"zipkin-playground/tracing/decode"
	"zipkin-playground/tracing/testkit"
)

// batchOf is n v2 JSON spans of one trace, IDs from first.
func batchOf(trace uint64, first, n int) []byte {
	var parts []string
	for i := first; i < first+n; i++ {
		parts = append(parts, fmt.Sprintf(`{"traceId":"%016x","id":"%016x","name":"s%d","timestamp":1700000000000000,"duration":1}`, trace, i, i))
	}
	return []byte("[" + strings.Join(parts, ",") + "]")
}

func TestReceiverSpanBudgetEvictsOldestTraces(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t, MaxSpans(10))
	for trace := uint64(1); trace <= 3; trace++ {
		testkit.PostSpans(t, r.URL(), "application/json", "", batchOf(trace, 1, 4))
	}
	st := r.Stats()
	if st.Stored != 8 || st.Traces != 2 || st.Evicted != 1 || st.EvictedSpans != 4 {
		t.Errorf("after 3×4 spans with a budget of 10: %+v", st)
	}
	if status, _ := getJSON(t, r, "/api/v2/trace/0000000000000001", nil); status != 404 {
		t.Errorf("the oldest trace is still served: %d", status)
	}
	// One trace over the budget keeps its newest spans.
	testkit.PostSpans(t, r.URL(), "application/json", "", batchOf(9, 1, 25))
	st = r.Stats()
	var back []struct{ ID string }
	getJSON(t, r, "/api/v2/trace/0000000000000009", &back)
	if st.Stored != 10 || st.Traces != 1 || st.Evicted != 3 || st.EvictedSpans != 4+8+15 || len(back) != 10 || back[0].ID != fmt.Sprintf("%016x", 16) {
		t.Errorf("one trace of 25 with a budget of 10: %+v, served %d from %v", st, len(back), back)
	}
	// A span evicted from a trace may come again: it is new again.
	testkit.PostSpans(t, r.URL(), "application/json", "", batchOf(9, 1, 1))
	if st := r.Stats(); st.Duplicates != 0 || st.Stored != 10 {
		t.Errorf("re-sent evicted span: %+v", st)
	}
}

// A body large enough to be stored in chunks is still all or nothing: a bad
// span at its end stores none of it.
func TestReceiverLargeBodyAllOrNothing(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	good := batchOf(5, 1, 12_000) // over decode.StreamAbove
	if len(good) <= decode.StreamAbove {
		t.Fatalf("body of %d bytes is not over %d", len(good), decode.StreamAbove)
	}
	bad := append(good[:len(good)-1:len(good)-1], []byte(`,{"traceId":"zz","id":"0000000000000001"}]`)...)
	if status, _ := testkit.PostSpans(t, r.URL(), "application/json", "", bad); status != 400 {
		t.Errorf("bad large body: %d", status)
	}
	if st := r.Stats(); st.Stored != 0 || st.Rejected != 1 {
		t.Errorf("after a bad large body: %+v", st)
	}
	if status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", batchOf(5, 1, 12_000)); status != 202 {
		t.Fatalf("good large body: %d %s", status, msg)
	}
	if st := r.Stats(); st.Stored != 12_000 || st.Batches != 1 {
		t.Errorf("after a good large body: %+v", st)
	}
	if status, _ := testkit.PostSpans(t, r.URL(), "application/json", "", append(batchOf(6, 1, 12_000), "[]"...)); status != 400 {
		t.Errorf("data after the list: %d", status)
	}
}
