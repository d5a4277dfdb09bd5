package outbox

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// gzipWriters are reused: a gzip.Writer allocates ~800 KB of tables.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// gzipBody compresses a request body (Options.Gzip): Zipkin, Jaeger
// and the embedded receiver read Content-Encoding: gzip. BestSpeed, because
// a burst's bottleneck is CPU, not the wire.
func gzipBody(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(body)/4 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Gzip is body compressed as a POST with gzip on carries it (a payload
// preview shows its size).
func Gzip(body []byte) ([]byte, error) { return gzipBody(body) }
