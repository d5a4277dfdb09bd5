package receiver

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"zipkin-playground/tracing/testkit"
)

// BenchmarkReceiverMillionSpansOneTrace posts 1,000,000 distinct spans of one
// trace (batches of 1,000, v2 JSON, two tags each) to a receiver with the
// default span budget, reads the trace back, and reports memory: the heap in
// use and the process RSS afterwards, and the peak RSS. Run with
// -benchtime=1x; the budget keeps the figures flat however many spans come.
func BenchmarkReceiverMillionSpansOneTrace(b *testing.B) {
	const total, batch = 1_000_000, 1_000
	for i := 0; i < b.N; i++ {
		r, err := Start("127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		var body bytes.Buffer
		for start := 0; start < total; start += batch {
			body.Reset()
			writeBenchBatch(&body, start, batch)
			resp, err := http.Post(r.URL(), "application/json", &body)
			if err != nil || resp.StatusCode != 202 {
				b.Fatalf("batch at %d: %v %v", start, resp, err)
			}
			resp.Body.Close()
		}
		b.ReportMetric(procStatusMB("VmHWM"), "peak-rss-ingest-MB")
		resp, err := http.Get("http://" + r.Addr() + "/api/v2/trace/00000000000000000000000000000abc")
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("read back: %v %v", resp, err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		st := r.Stats()
		b.ReportMetric(float64(st.Stored), "stored-spans")
		b.ReportMetric(float64(st.EvictedSpans), "evicted-spans")
		b.ReportMetric(float64(n)/(1<<20), "readback-MB")
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(procStatusMB("VmRSS"), "rss-MB")
		b.ReportMetric(procStatusMB("VmHWM"), "peak-rss-MB")
		r.Close()
	}
}

func writeBenchBatch(w *bytes.Buffer, start, n int) {
	w.WriteByte('[')
	for i := start; i < start+n; i++ {
		if i > start {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, `{"traceId":"00000000000000000000000000000abc","parentId":"0000000000000001","id":"%016x","kind":"CLIENT","name":"get /item","timestamp":%d,"duration":1200,`+
			`"localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"},"remoteEndpoint":{"serviceName":"backend","port":8080},"tags":{"http.method":"GET","item":"%d"}}`,
			i+2, 1_700_000_000_000_000+int64(i), i)
	}
	w.WriteByte(']')
}

// procStatusMB reads a size field of /proc/self/status (Linux), in MiB; 0
// where there is no such file.
func procStatusMB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkReceiverConcurrentGzipBombs posts 8 gzip bodies at once, each
// inflating to just under the body limit of minimal valid spans (the most
// spans a body can carry), and reports the peak RSS: the decode cap keeps
// only a few in memory at a time. Run with -benchtime=1x.
func BenchmarkReceiverConcurrentGzipBombs(b *testing.B) {
	var raw bytes.Buffer
	raw.WriteByte('[')
	for i := 1; raw.Len() < maxBody-100; i++ {
		if i > 1 {
			raw.WriteByte(',')
		}
		fmt.Fprintf(&raw, `{"traceId":"%016x","id":"%016x"}`, i/1000+1, i)
	}
	raw.WriteByte(']')
	bomb := testkit.Gzip(raw.Bytes())
	raw = bytes.Buffer{}
	runtime.GC()
	debug.FreeOSMemory()
	for i := 0; i < b.N; i++ {
		r, err := Start("127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		for j := 0; j < 8; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", r.URL(), bytes.NewReader(bomb))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Content-Encoding", "gzip")
				if resp, err := http.DefaultClient.Do(req); err == nil {
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
		st := r.Stats()
		r.Close()
		b.ReportMetric(float64(len(bomb))/(1<<20), "gzip-MB")
		b.ReportMetric(float64(st.Spans)/8, "spans/body")
		b.ReportMetric(float64(st.Stored), "stored-spans")
		b.ReportMetric(procStatusMB("VmHWM"), "peak-rss-MB")
	}
}
