// Package testkit holds the small helpers that the tests of several packages
// share: a collector stand-in, spans with every field, a burst's spans and the
// demo's batch as v2 JSON, a gzipped body, a raw POST, a backoff without
// jitter, a fatal check, a private CA and its TLS server, a tmux driver. It
// imports none of the playground's packages, so the tests of every package,
// the lowest included, can use it without an import cycle.
package testkit

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"time"
)

// Gzip is b compressed as a gzip stream, as a client sends with
// Content-Encoding: gzip.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// PostSpans POSTs body to url with the content type ct and, when not empty,
// the content encoding ce; it returns the status and the answer's body.
func PostSpans(t testing.TB, url, ct, ce string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	if ce != "" {
		req.Header.Set("Content-Encoding", ce)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// NoJitter is a retry policy's jitter that waits exactly d, so a test can
// name the backoff it expects.
func NoJitter(d time.Duration) time.Duration { return d }

// Must stops the test when err is not nil.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
