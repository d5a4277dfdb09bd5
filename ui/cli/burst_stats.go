package cli

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"zipkin-playground/tracing/outbox"
)

// keptBatches is how many batch results a burst keeps for its report; the
// rest are counted (and failures aggregated), so memory does not grow with
// --count.
const keptBatches = 20

// maxFailureKinds bounds the aggregated failures; further kinds are counted
// in the last one.
const maxFailureKinds = 20

// FailureReport aggregates a burst's failed batches of one kind.
type FailureReport struct {
	Class   string `json:"class"`
	Status  int    `json:"status"`
	Error   string `json:"error"`
	Hint    string `json:"hint"`
	Batches int    `json:"batches"`
	Spans   int    `json:"spans"`
}

// burstStats tallies a burst's results as they stream in: counters, a
// bounded latency histogram, the first batches and the failures by kind.
// Safe for concurrent use (the stream's workers report at once).
type burstStats struct {
	mu       sync.Mutex
	results  int
	posts    int
	bytes    int64
	hist     latencyHist
	first    []outbox.DeliveryResult
	failures []FailureReport
	last     outbox.DeliveryResult // the last failure
}

func (b *burstStats) add(r outbox.DeliveryResult) {
	r.Keys = nil // the span keys are not kept: memory stays flat
	r = withFlags(r)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.results++
	b.posts += r.Attempts
	b.bytes += int64(r.Bytes)
	if r.Status != 0 || r.Err != nil {
		b.hist.add(r.Latency)
	}
	if len(b.first) < keptBatches {
		b.first = append(b.first, r)
	}
	if !r.OK() {
		b.last = r
		b.addFailure(r)
	}
}

func (b *burstStats) addFailure(r outbox.DeliveryResult) {
	f := FailureReport{Class: string(r.Class), Status: r.Status, Error: errorText(r), Hint: r.Hint}
	for i := range b.failures {
		g := &b.failures[i]
		if (g.Class == f.Class && g.Status == f.Status && g.Error == f.Error) || i == maxFailureKinds-1 {
			g.Batches++
			g.Spans += r.Spans
			return
		}
	}
	f.Batches, f.Spans = 1, r.Spans
	b.failures = append(b.failures, f)
}

// snapshot is a consistent copy for a progress line or the report.
type statsSnapshot struct {
	results, posts int
	p50, p99       time.Duration
	hist           latencyHist
	first          []outbox.DeliveryResult
	failures       []FailureReport
	last           outbox.DeliveryResult
}

func (b *burstStats) snapshot() statsSnapshot {
	b.mu.Lock()
	defer b.mu.Unlock()
	return statsSnapshot{
		results: b.results, posts: b.posts, p50: b.hist.percentile(0.50), p99: b.hist.percentile(0.99), hist: b.hist,
		first: append([]outbox.DeliveryResult(nil), b.first...), failures: append([]FailureReport(nil), b.failures...), last: b.last,
	}
}

// latencyHist is a fixed-size histogram of POST latencies: log-spaced fine
// buckets (4% wide) for percentiles, and a few coarse ones to print.
type latencyHist struct {
	fine   [histBuckets]int
	coarse [10]int // one per coarseBounds, and one beyond
	n      int
}

const (
	histBuckets = 600 // 1µs·1.04^600 ≈ 17 min: anything longer lands in the last
	histGrowth  = 1.04
)

// coarseBounds are the upper bounds of the printed buckets.
var coarseBounds = [9]time.Duration{
	time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond,
	50 * time.Millisecond, 100 * time.Millisecond, 500 * time.Millisecond, time.Second,
}

func (h *latencyHist) add(d time.Duration) {
	us := float64(d) / float64(time.Microsecond)
	i := 0
	if us > 1 {
		i = min(int(math.Log(us)/math.Log(histGrowth))+1, histBuckets-1)
	}
	h.fine[i]++
	c := 0
	for c < len(coarseBounds) && d > coarseBounds[c] {
		c++
	}
	h.coarse[c]++
	h.n++
}

// percentile is the upper bound of the bucket holding the p-th latency.
func (h *latencyHist) percentile(p float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := int(math.Ceil(p * float64(h.n)))
	seen := 0
	for i, c := range h.fine {
		if seen += c; seen >= max(rank, 1) {
			return time.Duration(math.Pow(histGrowth, float64(i)) * float64(time.Microsecond))
		}
	}
	return 0
}

// print writes the coarse buckets as a small text chart.
func (h *latencyHist) print(w io.Writer) {
	if h.n == 0 {
		return
	}
	peak := 0
	for _, c := range h.coarse {
		peak = max(peak, c)
	}
	fmt.Fprintln(w, "POST latency")
	for i, c := range h.coarse {
		if c == 0 {
			continue
		}
		label := "> " + outbox.FormatLatency(coarseBounds[len(coarseBounds)-1])
		if i < len(coarseBounds) {
			label = "≤ " + outbox.FormatLatency(coarseBounds[i])
		}
		bar := strings.Repeat("█", max(1, c*30/peak))
		fmt.Fprintf(w, "  %-8s %8d  %5.1f%%  %s\n", label, c, 100*float64(c)/float64(h.n), bar)
	}
}
