package receiver

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
	"testing"
)

// writeDemoBatch writes traces [first, first+n) of the demo's shape as v2
// JSON: a root, a CLIENT call, the SERVER side in another service with an
// annotation, and a child there with tags, an error and a JSON annotation.
func writeDemoBatch(w *bytes.Buffer, first, n int) {
	const ts = 1_700_000_000_000_000
	w.WriteByte('[')
	for i := first; i < first+n; i++ {
		if i > first {
			w.WriteByte(',')
		}
		tid, base := fmt.Sprintf("%016x%016x", i+1, i+7), ts+int64(i)*1000
		fmt.Fprintf(w, `{"traceId":"%s","id":"%016x","name":"checkout","timestamp":%d,"duration":120000,"localEndpoint":{"serviceName":"playground","ipv4":"10.0.0.1"},"tags":{"http.method":"POST"}},`, tid, 4*i+1, base)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","kind":"CLIENT","name":"charge card","timestamp":%d,"duration":100000,"localEndpoint":{"serviceName":"playground","ipv4":"10.0.0.1"}},`, tid, 4*i+1, 4*i+2, base+10000)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","kind":"SERVER","name":"charge card","timestamp":%d,"duration":95000,"localEndpoint":{"serviceName":"payments","ipv4":"10.0.0.1"},"annotations":[{"timestamp":%d,"value":"fraud check passed"}]},`, tid, 4*i+2, 4*i+3, base+12000, base+20000)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","name":"call bank","timestamp":%d,"duration":70000,"localEndpoint":{"serviceName":"payments","ipv4":"10.0.0.1"},"annotations":[{"timestamp":%d,"value":"{\"event\":\"error\",\"stack\":\"card declined\"}"}],"tags":{"bank.id":"demo-bank","error":"card declined"}}`, tid, 4*i+3, 4*i+4, base+25000, base+90000)
	}
	w.WriteByte(']')
}

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
			writeDemoBatch(&body, first, perPost)
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
