package cli

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// catchUpWindow is how far a rated burst may fall behind its schedule and
// still catch up: after a longer stall the schedule moves on rather than
// firing the missed traces back to back.
const catchUpWindow = 200 * time.Millisecond

// roomBatches is how many batches may wait undelivered before the burst
// stops building (back-pressure): memory is bounded by the batch size, not
// by --count. Eight keep the four POSTs in flight fed; 32 made the heap, and
// the page faults of a 100,000-span burst, half as large again (8.7k faults
// against 12k, ~0.1 µs of CPU per span) for no more throughput (measured).
const roomBatches = 8

// verifySample is how many traces of a burst `send --verify` reads back:
// keeping every span to compare would make memory grow with --count.
const verifySample = 10

// DefaultBurstBatch is a burst's --batch: measured on 2 cores against the
// `receive` sink, 500-span POSTs took 20% less CPU on both sides than
// 100-span ones for 100,000 spans; 1000 saved little more and doubled the
// memory held in flight.
const DefaultBurstBatch = 500

// burstOutcome is what a burst built and how its delivery went.
type burstOutcome struct {
	built tracing.BurstCounts
	// ids are the trace IDs built, kept (16 bytes each) only for --json; first
	// is the first one, for the read-back hint.
	ids     []model.TraceID
	first   model.TraceID
	stats   *burstStats
	buildMs float64 // how long building took
	// interrupted says a ctrl+c stopped the building.
	interrupted bool
	// sample is the spans of the first verifySample traces, with --verify.
	sample []model.SpanModel
	err    error // why delivery stopped short, if it did
}

// runBurst replays sc opts.Count times (or for opts.Duration) at opts.Rate
// per second. Traces are built as zipkin-go spans and forgotten; the outbox
// keeps nothing of delivered spans; a Stream delivers while traces are built.
// When ctx ends (a first ctrl+c) building stops and what was built is still
// delivered; when deliver ends (a second one) delivery stops too.
func runBurst(ctx, deliver context.Context, s *tracing.Session, opts Options, env Env, sc tracing.Scenario) (burstOutcome, error) {
	defer tuneGC()()
	b, err := s.NewBurst(sc)
	if err != nil {
		return burstOutcome{}, err
	}
	out := burstOutcome{stats: &burstStats{}}
	if opts.Config.Verify {
		b.KeepSample(verifySample)
	}
	if opts.JSON {
		out.ids = []model.TraceID{}
	}
	s.Outbox().SetForget(true)
	stream := s.Outbox().Stream(deliver, outbox.StreamOptions{Retry: retryPolicy(opts, env), OnResult: out.stats.add})
	var progress *progressLine
	if opts.StderrProgress(env) {
		progress = startProgress(env, s, out.stats)
	}
	start := time.Now()
	sched := schedule{rate: opts.Rate, start: start}
	var end time.Time // when --duration ends the burst
	if opts.Duration > 0 {
		end = start.Add(opts.Duration)
	}
	room := roomBatches * s.Config().Batch
	for i := 0; opts.Count == 0 || i < opts.Count; i++ {
		if out.err = stream.WaitRoom(ctx, room); out.err != nil {
			break
		}
		if !sched.wait(ctx, end) {
			break
		}
		ids := out.ids
		if i == 0 && ids == nil {
			ids = make([]model.TraceID, 0, len(sc.Traces)) // the first, for the read-back hint
		}
		var c tracing.BurstCounts
		c, ids = b.Replay(ids)
		if i == 0 && len(ids) > 0 {
			out.first = ids[0]
		}
		if out.ids != nil {
			out.ids = ids
		}
		progress.built(c)
		out.built = out.built.Add(c)
	}
	out.buildMs = millis(time.Since(start))
	if out.interrupted = ctx.Err() != nil; out.interrupted && !opts.JSON {
		msg := fmt.Sprintf("interrupted: delivering the %d spans built (ctrl+c again stops now)", s.Outbox().Counts().Undelivered())
		if progress != nil {
			progress.note(msg)
		} else {
			fmt.Fprintln(env.Stderr, msg)
		}
	}
	if err := stream.Close(); err != nil && out.err == nil {
		out.err = err
	}
	progress.stop()
	out.sample = b.Sample()
	return out, nil
}

// tuneGC lets the heap grow further between collections during a burst,
// unless GOGC or GOMEMLIMIT say otherwise: a burst's live heap is small and
// bounded but it makes garbage fast, and GOGC=400 took 10–15% less CPU than
// 100 for 400,000 spans (measured), for ~40 MB more, under a soft limit of
// burstMemoryLimit. Measured again with 8 batches of room, 100,000 spans:
// 1.85 µs/span at 400, 1.96 at 800, 2.09 at 200, 2.28 at 100 (medians of
// 10). It returns the undo.
func tuneGC() func() {
	undo := func() {}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		undo = func() { debug.SetGCPercent(old) }
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(burstMemoryLimit)
		prev := undo
		undo = func() { prev(); debug.SetMemoryLimit(old) }
	}
	return undo
}

// burstMemoryLimit is the soft heap limit of a burst (see tuneGC).
const burstMemoryLimit = 100 << 20

// schedule gives each trace of a rated burst its start time, from the
// burst's start (not from the previous trace, so the rate does not drift
// with the time a trace takes to build).
type schedule struct {
	rate  float64
	start time.Time
	n     int
}

// next is when the next trace is due. Behind by more than catchUpWindow,
// the schedule moves so that it is behind by just that.
func (s *schedule) next(now time.Time) time.Time {
	if s.rate <= 0 {
		return now
	}
	due := s.start.Add(time.Duration(float64(s.n) / s.rate * float64(time.Second)))
	if lag := now.Sub(due); lag > catchUpWindow {
		s.start = s.start.Add(lag - catchUpWindow)
		due = now.Add(-catchUpWindow)
	}
	s.n++
	return due
}

// wait waits until the next trace is due; false when ctx ended first or
// the next trace would start at or after end (zero: no end). An unpaced
// burst without an end does not read the clock, once per trace saved.
func (s *schedule) wait(ctx context.Context, end time.Time) bool {
	if s.rate <= 0 && end.IsZero() {
		return ctx.Err() == nil
	}
	due := s.next(time.Now())
	if !end.IsZero() && !due.Before(end) {
		return false
	}
	return sleepUntil(ctx, due)
}

// sleepUntil waits until t; false when ctx ended first.
func sleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// progressLine redraws one status line on stderr (a TTY) a few times a
// second: traces built and their rate, spans delivered and failed, latency.
type progressLine struct {
	env   Env
	s     *tracing.Session
	stats *burstStats
	start time.Time
	done  chan struct{}
	wg    sync.WaitGroup

	mu     sync.Mutex
	traces int
}

func startProgress(env Env, s *tracing.Session, stats *burstStats) *progressLine {
	p := &progressLine{env: env, s: s, stats: stats, start: time.Now(), done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.draw()
			case <-p.done:
				p.draw()
				fmt.Fprintln(p.env.Stderr)
				return
			}
		}
	}()
	return p
}

// built counts a replay; a nil progress line ignores it.
func (p *progressLine) built(c tracing.BurstCounts) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.traces += c.Traces
	p.mu.Unlock()
}

func (p *progressLine) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	traces := p.traces
	c := p.s.Outbox().Counts()
	st := p.stats.snapshot()
	rate := float64(traces) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.env.Stderr, "\r%d traces (%.0f/s)  delivered %d  failed %d  queued %d  POST p50 %s p99 %s\x1b[K",
		traces, rate, c.Delivered, c.Failed, c.Queued+c.Sending, outbox.FormatLatency(st.p50), outbox.FormatLatency(st.p99))
}

// note prints a line of its own between progress lines; a nil progress
// line (not a terminal) prints nothing.
func (p *progressLine) note(msg string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.env.Stderr, "\r%s\x1b[K\n", msg)
}

func (p *progressLine) stop() {
	if p == nil {
		return
	}
	close(p.done)
	p.wg.Wait()
}
