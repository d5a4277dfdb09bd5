package shop

import (
	"log"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
	reporterhttp "github.com/openzipkin/zipkin-go/reporter/http"
)

// Reporting is where the services send their own spans: the playground's
// endpoint, with the same extra headers and HTTP client (TLS, proxy).
// An empty URL reports nothing.
type Reporting struct {
	URL        string
	Header     http.Header
	Client     *http.Client
	Serializer reporter.SpanSerializer
	// Gzip compresses the POST bodies (Content-Encoding: gzip).
	Gzip bool
}

// batchInterval is short so the services' spans reach the waterfall about as
// soon as the request that made them has answered.
const batchInterval = 200 * time.Millisecond

// newReporter is zipkin-go's HTTP reporter for r; its log lines (a failed
// POST, a non-2xx status) go to problems, never to the terminal.
func newReporter(r Reporting, problems *problemLog, service string) reporter.Reporter {
	if r.URL == "" {
		return reporter.NewNoopReporter()
	}
	header := r.Header.Clone()
	opts := []reporterhttp.ReporterOption{
		reporterhttp.BatchInterval(batchInterval),
		reporterhttp.Logger(log.New(problems.writer(service), "", 0)),
		reporterhttp.RequestCallback(func(req *http.Request) {
			for name, values := range header {
				req.Header[name] = values
			}
		}),
	}
	switch {
	case r.Gzip:
		opts = append(opts, reporterhttp.Client(gzipClient(r.Client)))
	case r.Client != nil:
		opts = append(opts, reporterhttp.Client(r.Client))
	}
	if r.Serializer != nil {
		opts = append(opts, reporterhttp.Serializer(r.Serializer))
	}
	return reporterhttp.NewReporter(r.URL, opts...)
}

// relay is a service's reporter that can be pointed elsewhere while the
// service runs (the playground's endpoint changed). Send holds the lock, so
// no span is handed to a reporter after it was replaced and closed.
type relay struct {
	mu  sync.Mutex
	cur reporter.Reporter
}

// Send is zipkin-go's reporter.Reporter.Send.
func (r *relay) Send(m model.SpanModel) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur.Send(m)
}

// Close flushes and closes the current reporter.
func (r *relay) Close() error {
	r.mu.Lock()
	cur := r.cur
	r.cur = reporter.NewNoopReporter()
	r.mu.Unlock()
	return cur.Close()
}

// swap points the relay at next and flushes the reporter it replaced.
func (r *relay) swap(next reporter.Reporter) {
	r.mu.Lock()
	old := r.cur
	r.cur = next
	r.mu.Unlock()
	_ = old.Close()
}

// problemLog keeps the last lines the services' reporters logged.
type problemLog struct {
	mu    sync.Mutex
	lines []string
	total int // lines ever logged
}

const maxProblems = 20

type problemWriter struct {
	log     *problemLog
	service string
}

func (p *problemLog) writer(service string) problemWriter {
	return problemWriter{log: p, service: service}
}

// Write is io.Writer: one log line of zipkin-go's reporter.
func (w problemWriter) Write(b []byte) (int, error) {
	line := w.service + ": " + strings.TrimSpace(string(b))
	w.log.mu.Lock()
	defer w.log.mu.Unlock()
	w.log.lines = append(w.log.lines, line)
	w.log.total++
	if len(w.log.lines) > maxProblems {
		w.log.lines = w.log.lines[len(w.log.lines)-maxProblems:]
	}
	return len(b), nil
}

// since are the lines logged after the first seen ones (as many as are
// kept), and how many were logged in all.
func (p *problemLog) since(seen int) ([]string, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := min(p.total-seen, len(p.lines))
	if n <= 0 {
		return nil, p.total
	}
	return append([]string(nil), p.lines[len(p.lines)-n:]...), p.total
}

func (p *problemLog) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}
