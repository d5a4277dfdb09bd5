package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// TestBurstCountAndDuration: --count builds exactly N demo traces; --duration
// alone keeps going at --rate until it ends; every span is delivered.
func TestBurstCountAndDuration(t *testing.T) {
	t.Parallel()
	code, rep, stderr := runSend(t, "--count", "5")
	if code != ExitOK || len(rep.TraceIDs) != 5 || rep.Spans != 20 || rep.Delivered != 20 {
		t.Errorf("--count 5: exit %d, %d traces, %d/%d delivered (%s)", code, len(rep.TraceIDs), rep.Delivered, rep.Spans, stderr)
	}
	code, rep, stderr = runSend(t, "--duration", "300ms", "--rate", "20")
	// 20/s for 0.3s is 6 traces (the schedule is absolute: 0, 50ms, … 250ms).
	if code != ExitOK || len(rep.TraceIDs) < 1 || len(rep.TraceIDs) > 6 || rep.Delivered != rep.Spans {
		t.Errorf("--duration: exit %d, %d traces, %d/%d delivered (%s)", code, len(rep.TraceIDs), rep.Delivered, rep.Spans, stderr)
	}
	code, rep, _ = runSend(t, "--duration", "200ms", "--rate", "100", "--count", "3")
	if code != ExitOK || len(rep.TraceIDs) != 3 {
		t.Errorf("--count with --duration: %d traces", len(rep.TraceIDs))
	}
}

// TestBurstReportIsCapped: a burst's JSON report lists the first 20 batches
// and says how many it left out, while traceIds lists every trace.
func TestBurstReportIsCapped(t *testing.T) {
	t.Parallel()
	code, rep, stderr := runSend(t, "--count", "30", "--batch", "2")
	if code != ExitOK || rep.Delivered != 120 || len(rep.TraceIDs) != 30 || rep.TraceCount != 30 {
		t.Fatalf("exit %d, %d delivered, %d trace IDs (%s)", code, rep.Delivered, len(rep.TraceIDs), stderr)
	}
	if len(rep.Batches) != keptBatches || rep.BatchesOmitted != rep.Posts-keptBatches || rep.Posts < 60 {
		t.Errorf("%d batches listed, %d omitted, %d POSTs", len(rep.Batches), rep.BatchesOmitted, rep.Posts)
	}
}

// burstSession is a session on the embedded receiver and the options of a
// `send --count N` burst.
func burstSession(t testing.TB, args ...string) (*tracing.Session, Options) {
	t.Helper()
	opts, _, err := ParseArgs("send", append([]string{"--listen", "127.0.0.1:0"}, args...), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	return sessiontest.Open(t, opts.Config), opts
}

// TestBurstMemoryDoesNotGrow: after a 5,000-trace burst the session's tree,
// the outbox's entries and remembered states, and the kept batch results
// are exactly as large as after a 500-trace one (none, none, none, 20):
// what a burst holds does not depend on --count. Sizes are counted, not
// sampled from the heap, so ten times the traces shows any growth.
func TestBurstMemoryDoesNotGrow(t *testing.T) {
	t.Parallel()
	demo, err := examples.Builtin(examples.DemoName)
	if err != nil {
		t.Fatal(err)
	}
	type sizes struct {
		tree    int
		outbox  outbox.Size
		kept    int
		failure int
	}
	measure := func(count int) sizes {
		s, opts := burstSession(t, "--count", strconv.Itoa(count))
		env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, RetrySleep: noWait}
		out, err := runBurst(context.Background(), context.Background(), s, opts, env, demo)
		if err != nil || out.err != nil {
			t.Fatalf("burst of %d: %v %v", count, err, out.err)
		}
		if c := s.Outbox().Counts(); c.Delivered != 4*count || c.Undelivered() != 0 || out.built.Traces != count {
			t.Fatalf("burst of %d: %+v, %d traces built", count, c, out.built.Traces)
		}
		st := out.stats.snapshot()
		return sizes{s.Tree().Len(), s.Outbox().Size(), len(st.first), len(st.failures)}
	}
	small, large := measure(500), measure(5_000)
	if small != large || large.outbox.Entries != 0 || large.outbox.States != 0 || large.tree != 0 {
		t.Errorf("after 500 traces %+v, after 50,000 %+v", small, large)
	}
}

// spanTally counts every span ID the receivers took, across a restart.
type spanTally struct {
	mu     sync.Mutex
	seen   []map[outbox.SpanKey]int // one map per receiver life
	killAt int                      // spans after which the receiver dies
	kill   func()
	dead   bool
}

// record is the receiver's OnSpans. From the batch that reaches killAt on
// the receiver is dying: it keeps nothing and drops the connection without
// an answer (net/http's ErrAbortHandler), until kill closes it for good.
// Batches kept before that were answered 202 in full, so an answer is never
// lost for a span that was kept, and every span must arrive exactly once.
func (s *spanTally) record(spans []model.SpanModel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	life := s.seen[len(s.seen)-1]
	if !s.dead && s.kill != nil && len(life) >= s.killAt {
		s.dead = true
		s.kill()
	}
	if s.dead {
		panic(http.ErrAbortHandler)
	}
	for _, sp := range spans {
		life[outbox.KeyOf(sp)]++
	}
}

// TestBurstSurvivesReceiverRestart: the receiver dies mid-burst and comes
// back on the same port 300ms later; send retries, requeues the failed
// batches and delivers every span: exit 0, every span ID at the receiver.
// The POST timeout is long: a POST timed out on a loaded machine is retried
// and arrives twice, which is not what this test is about. Not parallel:
// under -race beside the other bursts it saw spans twice with no failure
// reported (not understood yet).
func TestBurstSurvivesReceiverRestart(t *testing.T) {
	// The first receiver takes a free port and the restart takes the same:
	// a port freed and bound again would be another process's in between.
	addr := "127.0.0.1:0"
	tally := &spanTally{killAt: 2000}
	var rcv *receiver.Receiver
	start := func() {
		tally.seen = append(tally.seen, map[outbox.SpanKey]int{})
		r, err := receiver.Start(addr, receiver.MaxTraces(10), receiver.OnSpans(tally.record))
		if err != nil || (addr != "127.0.0.1:0" && r.Addr() != addr) {
			t.Errorf("start on %s: %v (%v)", addr, err, r)
			return
		}
		addr, rcv = r.Addr(), r
	}
	killed, restarted := false, make(chan struct{})
	tally.kill = func() {
		killed = true
		go func() {
			defer close(restarted)
			// Gracefully: the answers to kept batches go out, however slow
			// the machine; the batches after killAt are dropped unanswered.
			_ = rcv.Shutdown(context.Background())
			time.Sleep(300 * time.Millisecond)
			tally.mu.Lock()
			defer tally.mu.Unlock()
			start()
			tally.dead, tally.kill = false, nil
		}()
	}
	tally.mu.Lock()
	start()
	tally.mu.Unlock()
	if rcv == nil {
		t.FailNow()
	}
	defer func() {
		tally.mu.Lock()
		wait := killed
		tally.mu.Unlock()
		if wait {
			<-restarted
		}
		if rcv != nil {
			rcv.Close()
		}
	}()

	var stdout, stderr bytes.Buffer
	sleep := func(ctx context.Context, d time.Duration) error { // real backoff, shortened
		select {
		case <-time.After(min(d, 40*time.Millisecond)):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: sleep}
	code := Main([]string{"send", "--json", "--endpoint", "http://" + addr + secret.V2Path, "--count", "3000", "--timeout", "30s"}, env, nil)
	var rep SendReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s %s", err, stdout.String(), stderr.String())
	}
	tally.mu.Lock()
	wasKilled := killed
	tally.mu.Unlock()
	if !wasKilled {
		t.Fatalf("the burst ended (exit %d) and the receiver never died: %s", code, stderr.String())
	}
	<-restarted
	tally.mu.Lock()
	defer tally.mu.Unlock()
	checkEverySpan(t, rep, tally.seen)
	if code != ExitOK || rep.Delivered != 12000 || rep.Failed != 0 || len(rep.Failures) == 0 {
		t.Errorf("exit %d, %d delivered, %d failed, failures %+v (%s)", code, rep.Delivered, rep.Failed, rep.Failures, stderr.String())
	}
}

// checkEverySpan: each trace's 4 spans arrived, and no span twice.
func checkEverySpan(t *testing.T, rep SendReport, lives []map[outbox.SpanKey]int) {
	t.Helper()
	perTrace := map[string]int{}
	all := map[outbox.SpanKey]int{}
	for i, life := range lives {
		for k, n := range life {
			if n != 1 {
				t.Errorf("receiver life %d took span %s %d times", i, k.ID, n)
			}
			all[k] += n
		}
	}
	twice := 0
	for k, n := range all {
		perTrace[k.TraceID.String()]++
		twice += n - 1
	}
	for _, id := range rep.TraceIDs {
		if perTrace[id] != 4 {
			t.Errorf("trace %s: %d of 4 spans arrived", id, perTrace[id])
		}
	}
	if len(all) != 4*len(rep.TraceIDs) || twice > 0 {
		t.Errorf("%d distinct spans for %d traces, %d arrived twice", len(all), len(rep.TraceIDs), twice)
	}
	t.Logf("%d spans over %d receiver lives, %d arrived twice", len(all), len(lives), twice)
}

// TestBurstGivesUpOnADeadCollector: with nothing listening, the burst stops
// after its rounds of retries and exits 1, every span counted as failed.
func TestBurstGivesUpOnADeadCollector(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	code, rep, stderr := runSend(t, "--endpoint", "http://"+addr+secret.V2Path, "--count", "50")
	if code != ExitFailed || rep.Delivered != 0 || rep.Failed != 200 || len(rep.Failures) != 1 || rep.Failures[0].Class != string(outbox.ClassRefused) {
		t.Errorf("exit %d, %d delivered, %d failed, %+v (%s)", code, rep.Delivered, rep.Failed, rep.Failures, stderr)
	}
}

// TestScheduleIsAbsolute: a rated burst's start times come from the
// burst's start, not from the previous trace; after a long stall it catches
// up by at most catchUpWindow instead of firing every missed trace.
func TestScheduleIsAbsolute(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	s := schedule{rate: 10, start: t0}
	if due := s.next(t0); !due.Equal(t0) {
		t.Errorf("first trace due %v", due.Sub(t0))
	}
	// Building took 70ms: the next is still due at 100ms, not 170ms.
	if due := s.next(t0.Add(70 * time.Millisecond)); due.Sub(t0) != 100*time.Millisecond {
		t.Errorf("second due at %v", due.Sub(t0))
	}
	// Late by 150ms (under the window): due at 200ms, sent at once.
	if due := s.next(t0.Add(350 * time.Millisecond)); due.Sub(t0) != 200*time.Millisecond {
		t.Errorf("third due at %v", due.Sub(t0))
	}
	// A 5s stall: due 200ms ago, then every 100ms from there.
	now := t0.Add(5 * time.Second)
	if due := s.next(now); now.Sub(due) != catchUpWindow {
		t.Errorf("after a stall due %v ago", now.Sub(due))
	}
	if due := s.next(now); due.Sub(now) != 100*time.Millisecond-catchUpWindow {
		t.Errorf("then due at %v from now", due.Sub(now))
	}
}

// TestBurstProgressAndSummary: on a TTY a burst redraws one progress line
// on stderr (rate, delivered, failed, latency); the text summary ends with
// the totals and a latency histogram.
func TestBurstProgressAndSummary(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, StderrTTY: true, RetrySleep: noWait}
	code := Main([]string{"send", "--listen", "127.0.0.1:0", "--count", "200"}, env, nil)
	progress, summary := stderr.String(), stdout.String()
	for _, want := range []string{"\r200 traces (", "delivered 800", "failed 0", "POST p50 "} {
		if !strings.Contains(progress, want) {
			t.Errorf("progress line lacks %q: %q", want, progress)
		}
	}
	for _, want := range []string{"built      200 traces, 800 spans", "delivered  800 of 800 spans in ", "POST latency\n  ≤ ", "%  █"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if code != ExitOK {
		t.Errorf("exit %d: %s", code, progress)
	}
}

// TestBurstVerifiesASample: send --count --verify reads the burst's first
// verifySample traces back (not every trace: that would keep every span).
func TestBurstVerifiesASample(t *testing.T) {
	t.Parallel()
	code, rep, stderr := runSend(t, "--count", "30", "--verify")
	if code != ExitOK || rep.Verified == nil || *rep.Verified != 4*verifySample || len(rep.Traces) != verifySample {
		t.Fatalf("exit %d, verified %v, %d traces (%s)", code, rep.Verified, len(rep.Traces), stderr)
	}
	for i, tr := range rep.Traces {
		if tr.TraceID != rep.TraceIDs[i] {
			t.Errorf("verified trace %d is %s, the burst's is %s", i, tr.TraceID, rep.TraceIDs[i])
		}
	}
}
