package shop

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
)

// zipkin-go's HTTP reporter has no gzip option, but it takes an
// http.Client: a transport under it compresses each POST body, so the
// services send as the playground does with --gzip.

// gzipTransport compresses request bodies and says so (Content-Encoding).
type gzipTransport struct{ base http.RoundTripper }

// RoundTrip sends req with its body gzipped.
func (t gzipTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		return t.base.RoundTrip(req)
	}
	raw, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	body := buf.Bytes()
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	out.ContentLength = int64(len(body))
	out.Header.Set("Content-Encoding", "gzip")
	return t.base.RoundTrip(out)
}

// gzipClient is c (or a default client) sending gzipped bodies.
func gzipClient(c *http.Client) *http.Client {
	out := &http.Client{}
	if c != nil {
		*out = *c
	}
	base := out.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	out.Transport = gzipTransport{base: base}
	return out
}
