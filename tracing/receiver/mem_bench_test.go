package receiver

import (
	"bytes"
	"net/http"
	"runtime"
	"runtime/debug"
	"testing"

	"zipkin-playground/tracing/testkit"
)

// BenchmarkReceiverMemoryPerSpan stores 200,000 spans (50,000 demo traces,
// in POSTs of 250 traces) in a receiver and reports what each stored span
// costs: the live heap and the process RSS it added (after a GC), divided by
// the spans stored. Run with -benchtime=1x.
func BenchmarkReceiverMemoryPerSpan(b *testing.B) {
	const traces, perPost = 50_000, 250
	for i := 0; i < b.N; i++ {
		runtime.GC()
		debug.FreeOSMemory()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		rssBefore := procStatusMB("VmRSS")
		r, err := Start("127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		var body bytes.Buffer
		for first := 0; first < traces; first += perPost {
			body.Reset()
			testkit.WriteDemoBatch(&body, first, perPost)
			resp, err := http.Post(r.URL(), "application/json", &body)
			if err != nil || resp.StatusCode != 202 {
				b.Fatalf("POST at %d: %v %v", first, resp, err)
			}
			resp.Body.Close()
		}
		body = bytes.Buffer{}
		http.DefaultClient.CloseIdleConnections()
		runtime.GC()
		debug.FreeOSMemory()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		stored := float64(r.Stats().Stored)
		b.ReportMetric(stored, "stored-spans")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/stored, "heap-B/span")
		b.ReportMetric((procStatusMB("VmRSS")-rssBefore)*(1<<20)/stored, "rss-B/span")
		b.ReportMetric(procStatusMB("VmHWM"), "peak-rss-MB")
		runtime.KeepAlive(r)
		r.Close()
	}
}
