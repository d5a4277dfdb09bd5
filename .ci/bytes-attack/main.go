// Command bytes-attack is the byte-budget attack on a receiver: N gzip POSTs
// (16 KiB each on the wire), C at a time, each one span with a tag just under
// the 16 MiB body limit, then one GET /api/v2/traces. Run the receiver under
// /usr/bin/time -v to read its peak RSS:
//
//	/usr/bin/time -v zipkin-playground receive --listen 127.0.0.1:19999 &
//	go run ./.ci/bytes-attack --url http://127.0.0.1:19999
//	kill -INT %1   # "Maximum resident set size"
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:19999", "")
	n := flag.Int("n", 60, "")
	c := flag.Int("c", 8, "")
	flag.Parse()
	sem := make(chan struct{}, *c)
	var wg sync.WaitGroup
	codes := map[int]int{}
	var mu sync.Mutex
	tag := strings.Repeat("x", 16<<20-300)
	for i := 1; i <= *n; i++ {
		body := fmt.Sprintf(`[{"traceId":"%016x","id":"%016x","name":"big","timestamp":%d,"localEndpoint":{"serviceName":"svc"},"tags":{"blob":"%s"}}]`, i, i, time.Now().UnixMicro(), tag)
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		w.Write([]byte(body))
		w.Close()
		sem <- struct{}{}
		wg.Add(1)
		go func(b []byte) {
			defer wg.Done()
			defer func() { <-sem }()
			req, _ := http.NewRequest("POST", *url+"/api/v2/spans", bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Content-Encoding", "gzip")
			resp, err := http.DefaultClient.Do(req)
			code := -1
			if err == nil {
				code = resp.StatusCode
				resp.Body.Close()
			}
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}(gz.Bytes())
	}
	wg.Wait()
	fmt.Println("POST answers:", codes)
	resp, err := http.Get(*url + "/api/v2/traces?limit=1000&lookback=86400000")
	if err != nil {
		fmt.Println("GET:", err)
		return
	}
	k, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	fmt.Printf("GET /traces: %d, %d bytes, truncated: %q\n", resp.StatusCode, k, resp.Header.Get("X-Zipkin-Playground-Truncated"))
}
