package testkit

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Collector is a Zipkin collector stand-in for tests. It keeps every POST
// and answers each with a status (202 unless told otherwise); a JSON body
// it accepts (gzipped or not) is decoded and its spans counted by trace
// and span ID, so a test can tell that each span arrived exactly once.
type Collector struct {
	// Answer, when set, is the status of the n-th POST (from 1).
	Answer func(n int) int
	// Message is the body of an answer other than 202 ("answer N" when
	// empty).
	Message string
	// Path, when set, is the only path answered; any other gets 404.
	Path string

	status atomic.Int32 // the answer when Answer is nil; 0: 202
	n      atomic.Int64
	mu     sync.Mutex
	posts  []Post
	seen   map[string]int
}

// Post is one request a Collector got.
type Post struct {
	Path   string
	Header http.Header
	Body   []byte // as sent, compressed or not
}

// SetStatus makes the collector answer code from now on.
func (c *Collector) SetStatus(code int) { c.status.Store(int32(code)) }

// Serve runs c on a loopback port until t ends and returns its base URL.
func (c *Collector) Serve(t testing.TB) string {
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return srv.URL
}

// ServeHTTP keeps the POST and answers it.
func (c *Collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	n := int(c.n.Add(1))
	c.mu.Lock()
	c.posts = append(c.posts, Post{Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	c.mu.Unlock()
	code := int(c.status.Load())
	if c.Answer != nil {
		code = c.Answer(n)
	}
	if code == 0 {
		code = http.StatusAccepted
	}
	switch {
	case code/100 != 2:
	case c.Path != "" && r.URL.Path != c.Path:
		http.NotFound(w, r)
		return
	default:
		if err := c.count(r.Header, body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	if code == http.StatusAccepted {
		w.WriteHeader(code)
		return
	}
	msg := c.Message
	if msg == "" {
		msg = fmt.Sprintf("answer %d", code)
	}
	http.Error(w, msg, code)
}

// count adds a JSON body's spans to those seen; other encodings are
// accepted without counting.
func (c *Collector) count(h http.Header, body []byte) error {
	if h.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return err
		}
		if body, err = io.ReadAll(zr); err != nil {
			return err
		}
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		return nil
	}
	var spans []struct {
		TraceID string `json:"traceId"`
		ID      string `json:"id"`
		Shared  bool   `json:"shared"`
	}
	if err := json.Unmarshal(body, &spans); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	for _, s := range spans {
		key := s.TraceID + "/" + s.ID
		if s.Shared {
			key += "/shared"
		}
		c.seen[key]++
	}
	return nil
}

// Count is how many POSTs came.
func (c *Collector) Count() int { return int(c.n.Load()) }

// Take returns the POSTs kept since the last Take.
func (c *Collector) Take() []Post {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.posts
	c.posts = nil
	return out
}

// OnceEach fails t unless exactly want distinct spans were accepted, each
// once.
func (c *Collector) OnceEach(t testing.TB, want int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.seen) != want {
		t.Errorf("the collector accepted %d distinct spans, want %d", len(c.seen), want)
	}
	for k, n := range c.seen {
		if n != 1 {
			t.Errorf("span %s accepted %d times", k, n)
		}
	}
}
