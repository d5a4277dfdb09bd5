// Command sink is the collector of .ci/perf's sender pairs: it takes any POST
// of v2 JSON spans, however large (no body limit, so zipkin-go's reporter,
// which POSTs its whole backlog at once when it falls behind, is not refused),
// answers 202 and counts the spans it got. GET /count prints the count and
// resets it. It prints its address on stdout.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "")
	flag.Parse()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr())
	var spans atomic.Int64
	marker := []byte(`"traceId":`)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v2/spans", func(w http.ResponseWriter, r *http.Request) {
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			gz, err := gzip.NewReader(r.Body)
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			body = gz
		}
		b, err := io.ReadAll(body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		spans.Add(int64(bytes.Count(b, marker)))
		w.WriteHeader(http.StatusAccepted)
	})
	mux.HandleFunc("GET /count", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, spans.Swap(0))
	})
	_ = http.Serve(ln, mux)
}
