package receiver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"zipkin-playground/tracing/testkit"
)

// Zipkin's own sample traces (openzipkin/zipkin zipkin-lens/testdata, one of
// them with the address "10.0.0.04" that Zipkin reads) are each accepted
// whole and stored span for span: every distinct span POSTed reads back.
func TestReceiverStoresZipkinsSampleTraces(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("testdata", "zipkin-lens", "*.json"))
	if len(files) < 9 {
		t.Fatalf("samples: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			r, sent := postFile(t, f)
			want := map[string]int{} // distinct spans per trace
			var seen []map[string]any
			for _, s := range sent {
				if !containsSpan(seen, s) {
					seen = append(seen, s)
					want[s["traceId"].(string)]++
				}
			}
			for id, n := range want {
				var back []json.RawMessage
				getJSON(t, r, "/api/v2/trace/"+id, &back)
				if len(back) != n {
					t.Errorf("trace %s: %d spans stored of %d sent", id, len(back), n)
				}
			}
		})
	}
}

// postFile POSTs the JSON spans in file f to a fresh receiver, which must
// accept them (202), and returns the receiver and the spans as sent.
func postFile(t *testing.T, f string) (*Receiver, []map[string]any) {
	t.Helper()
	body, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	r := startTestReceiver(t)
	if status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", body); status != 202 {
		t.Fatalf("POST: %d %s", status, msg)
	}
	var sent []map[string]any
	mustUnmarshal(t, body, &sent)
	return r, sent
}
