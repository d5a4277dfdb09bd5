package receiver

import (
	"bytes"
	"net/http"
	"testing"

	"zipkin-playground/tracing/testkit"
)

// BenchmarkReceiverIngestDemo posts 100,000 demo spans (25,000 traces) in
// POSTs of 500 spans, as `send --count` does, and reports spans/s and the
// CPU profile's view of where a received span's time goes.
func BenchmarkReceiverIngestDemo(b *testing.B) {
	const traces, perPost = 25_000, 125
	bodies := make([][]byte, 0, traces/perPost)
	for first := 0; first < traces; first += perPost {
		var body bytes.Buffer
		testkit.WriteDemoBatch(&body, first, perPost)
		bodies = append(bodies, body.Bytes())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Start("127.0.0.1:0", MaxSpans(10*traces*4))
		if err != nil {
			b.Fatal(err)
		}
		for _, body := range bodies {
			resp, err := http.Post(r.URL(), "application/json", bytes.NewReader(body))
			if err != nil || resp.StatusCode != 202 {
				b.Fatalf("POST: %v %v", resp, err)
			}
			resp.Body.Close()
		}
		if st := r.Stats(); st.Stored != traces*4 {
			b.Fatalf("stored %d", st.Stored)
		}
		r.Close()
	}
	b.ReportMetric(float64(traces*4*b.N)/b.Elapsed().Seconds(), "spans/s")
}
