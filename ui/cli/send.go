package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/verify"
)

// SendReport is `send --json`'s output. Scripts parse it, so fields may be
// added but never renamed.
type SendReport struct {
	Endpoint  string        `json:"endpoint"`
	TraceIDs  []string      `json:"traceIds"`
	Spans     int           `json:"spans"`
	Delivered int           `json:"delivered"`
	Failed    int           `json:"failed"`
	Batches   []BatchReport `json:"batches"`
	// NotSampled counts spans the sampler kept out of the outbox.
	NotSampled int `json:"notSampled"`
	// LatencyP50Ms and LatencyP99Ms are over every POST.
	LatencyP50Ms float64 `json:"latencyP50Ms"`
	LatencyP99Ms float64 `json:"latencyP99Ms"`
	ElapsedMs    float64 `json:"elapsedMs"`
	// A burst reports only its first batches: BatchesOmitted counts the
	// others, Failures aggregates every failed batch by kind, Posts counts
	// every POST (retries included).
	BatchesOmitted int             `json:"batchesOmitted"`
	Failures       []FailureReport `json:"failures,omitempty"`
	Posts          int             `json:"posts"`
	// TraceCount is the number of traces built; TracesPerSecond their rate.
	TraceCount      int     `json:"traceCount"`
	TracesPerSecond float64 `json:"tracesPerSecond,omitempty"`
	// Interrupted says a ctrl+c stopped a burst's building early.
	Interrupted bool `json:"interrupted,omitempty"`
	// With verification (--verify, or the embedded receiver): spans read
	// back intact, and what became of each trace.
	Verified *int                 `json:"verified,omitempty"`
	Traces   []verify.TraceReport `json:"traces,omitempty"`
	// Query and QueryAPI name the query API read from (masked); VerifyError
	// says why verification could not run.
	Query       string `json:"query,omitempty"`
	QueryAPI    string `json:"queryApi,omitempty"`
	VerifyError string `json:"verifyError,omitempty"`
}

// BatchReport is one POST.
type BatchReport struct {
	Spans     int     `json:"spans"`
	Bytes     int     `json:"bytes"`
	Status    int     `json:"status"`
	LatencyMs float64 `json:"latencyMs"`
	Error     string  `json:"error"`
	Hint      string  `json:"hint"`
	Class     string  `json:"class,omitempty"`
	Message   string  `json:"message,omitempty"`
	// Attempts is how many POSTs the batch took (retries included).
	Attempts int `json:"attempts"`
	// RetryAfter is the wait in seconds the server asked for (Retry-After).
	RetryAfter float64 `json:"retryAfter,omitempty"`
	// RetryStopped says why the retries ended early (a Retry-After longer
	// than the run waits, or unreadable).
	RetryStopped string `json:"retryStopped,omitempty"`
	// WaitedMs is the time spent backing off between attempts.
	WaitedMs float64 `json:"waitedMs,omitempty"`
}

func batchReport(r outbox.DeliveryResult) BatchReport {
	r = withFlags(r)
	b := BatchReport{Spans: r.Spans, Bytes: r.Bytes, Status: r.Status, LatencyMs: millis(r.Latency), Hint: r.Hint,
		Attempts: r.Attempts, RetryAfter: r.RetryAfter.Seconds(), WaitedMs: millis(r.Waited), RetryStopped: r.RetryStopped}
	if !r.OK() {
		b.Class = string(r.Class)
		b.Message = r.Message
		b.Error = errorText(r)
	}
	return b
}

// errorText is the one-phrase reason a batch failed.
func errorText(r outbox.DeliveryResult) string {
	switch {
	case r.Err != nil:
		return r.Err.Error()
	case r.Class == outbox.ClassNotCollector: // its HTML is no message
		return fmt.Sprintf("HTTP %d from a web page", r.Status)
	case r.Message != "":
		return fmt.Sprintf("HTTP %d: %s", r.Status, oneLine(r.Message))
	}
	return fmt.Sprintf("HTTP %d", r.Status)
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Send replays the demo trace (or the scenario opts.Load, or a burst of
// them), flushes it and reports.
func Send(opts Options, env Env) int {
	scenario, err := loadScenario(opts.Load)
	if err != nil {
		return fail(env, usagef("cannot load the scenario: %v", err), "a scenario is a JSON file like those in examples/; built-in: "+strings.Join(examples.Names(), ", "))
	}
	if opts.Burst() && !opts.BatchGiven {
		opts.Config.Batch = DefaultBurstBatch
	}
	s, err := tracing.NewSession(opts.Config)
	if err != nil {
		return fail(env, usagef("%v", err), "")
	}
	defer s.Close()
	for _, w := range s.Outbox().Warnings() {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	start := time.Now()
	if opts.Burst() {
		return sendBurst(ctx, s, opts, env, scenario, start)
	}
	if _, err = s.Replay(scenario); err != nil {
		return fail(env, err, "")
	}
	var results []outbox.DeliveryResult
	s.Outbox().FlushRetrying(ctx, retryPolicy(opts, env), func(r outbox.DeliveryResult) { results = append(results, r) })
	report := makeReport(s, results, time.Since(start))
	verified, verr := sendVerify(ctx, opts, s, &report)
	if opts.JSON {
		writeJSON(env, report)
	} else {
		printSendReport(env, s, report, results)
		printSendVerify(env, report, verified)
	}
	return sendExit(ctx, env, s, report, lastFailure(results), verified, verr)
}

// sendBurst runs a burst and reports it.
func sendBurst(ctx context.Context, s *tracing.Session, opts Options, env Env, sc tracing.Scenario, start time.Time) int {
	deliver, abort := context.WithCancel(context.Background())
	defer abort()
	go abortOnSecondSignal(ctx, deliver, abort)
	out, err := runBurst(ctx, deliver, s, opts, env, sc)
	if err != nil {
		return fail(env, err, "")
	}
	report := burstReport(s, out, time.Since(start))
	verified, verr := burstVerify(ctx, opts, s, out, &report)
	if opts.JSON {
		_ = writeBurstJSON(env, report, out.ids)
	} else {
		printBurstReport(env, s, opts, out, report)
		printSendVerify(env, report, verified)
	}
	return sendExit(ctx, env, s, report, out.stats.snapshot().last, verified, verr)
}

// abortOnSecondSignal calls abort at the first ctrl+c (or SIGTERM) after
// ctx ended, which the first one did: a burst stops building at the first
// and stops delivering at the second.
func abortOnSecondSignal(ctx, done context.Context, abort context.CancelFunc) {
	select {
	case <-ctx.Done():
	case <-done.Done():
		return
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(ch)
	select {
	case <-ch:
		abort()
	case <-done.Done():
	}
}

func writeJSON(env Env, v any) {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// sendExit is send's exit status: 1 when spans are left undelivered (last
// is the last failure, for its reason and hint), or when verification could
// not run or found a trace missing.
func sendExit(ctx context.Context, env Env, s *tracing.Session, report SendReport, last outbox.DeliveryResult, verified verify.Report, verr error) int {
	counts := s.Outbox().Counts()
	if counts.Undelivered() > 0 {
		last = withFlags(last)
		if ctx.Err() != nil {
			return fail(env, fmt.Errorf("interrupted: %d %s not delivered", counts.Undelivered(), plural(counts.Undelivered(), "span", "spans")), "")
		}
		return fail(env, fmt.Errorf("%d of %d %s not delivered: %s", counts.Undelivered(), report.Spans, plural(report.Spans, "span", "spans"), errorText(last)), last.Hint)
	}
	if verr != nil {
		return fail(env, fmt.Errorf("cannot verify: %v", verr), "--query URL names the query API (Zipkin's, or Jaeger's on port 16686)")
	}
	if err := verifyFailure(verified); err != nil {
		return fail(env, err, notStoredHint)
	}
	return ExitOK
}

// retryPolicy is send's: --retries transient retries with backoff.
func retryPolicy(opts Options, env Env) outbox.RetryPolicy {
	return outbox.RetryPolicy{Retries: opts.Config.Retries, Sleep: env.RetrySleep}
}

// posts counts the POSTs made, retries included.
func posts(results []outbox.DeliveryResult) int {
	n := 0
	for _, r := range results {
		n += r.Attempts
	}
	return n
}

// loadScenario is the scenario send replays: name (a file, or a built-in
// example), or the built-in demo trace.
func loadScenario(name string) (tracing.Scenario, error) {
	if name == "" {
		return examples.Builtin(examples.DemoName)
	}
	return examples.Load(name)
}

func lastFailure(results []outbox.DeliveryResult) outbox.DeliveryResult {
	for i := len(results) - 1; i >= 0; i-- {
		if !results[i].OK() {
			return results[i]
		}
	}
	return outbox.DeliveryResult{}
}

func makeReport(s *tracing.Session, results []outbox.DeliveryResult, elapsed time.Duration) SendReport {
	rep := SendReport{Endpoint: s.Endpoint().Display(s.Config().RevealSecrets), TraceIDs: []string{}, Batches: []BatchReport{}}
	for _, root := range s.Tree().Roots() {
		rep.TraceIDs = append(rep.TraceIDs, root.Context.TraceID.String())
	}
	for _, n := range s.Tree().Nodes() {
		if !n.Sampled() {
			rep.NotSampled++
		}
	}
	var lat []time.Duration
	for _, r := range results {
		rep.Batches = append(rep.Batches, batchReport(r))
		if r.Status != 0 || r.Err != nil {
			lat = append(lat, r.Latency)
		}
	}
	c := s.Outbox().Counts()
	rep.Delivered, rep.Failed = c.Delivered, c.Undelivered()
	rep.Spans = rep.Delivered + rep.Failed
	rep.LatencyP50Ms, rep.LatencyP99Ms = millis(percentile(lat, 0.50)), millis(percentile(lat, 0.99))
	rep.ElapsedMs = millis(elapsed)
	rep.Posts, rep.TraceCount = posts(results), len(rep.TraceIDs)
	return rep
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sorted := append([]time.Duration(nil), d...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[int(p*float64(len(sorted)-1)+0.5)]
}

func printSendReport(env Env, s *tracing.Session, rep SendReport, results []outbox.DeliveryResult) {
	w := env.Stdout
	fmt.Fprintf(w, "endpoint   %s\n", rep.Endpoint)
	for _, root := range s.Tree().Roots() {
		fmt.Fprintf(w, "trace      %s  %s (%s)\n", root.Context.TraceID, root.Name, samplingWord(root))
	}
	for _, r := range results {
		fmt.Fprintf(w, "%s\n", withFlags(r).Summary())
	}
	if rep.NotSampled > 0 {
		fmt.Fprintf(w, "not sent   %d %s not sampled (--sampler %s)\n", rep.NotSampled, plural(rep.NotSampled, "span", "spans"), s.Config().Sampler)
	}
	fmt.Fprintf(w, "delivered  %d of %d %s", rep.Delivered, rep.Spans, plural(rep.Spans, "span", "spans"))
	if rep.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", rep.Failed)
	}
	fmt.Fprintf(w, " in %d %s\n", posts(results), plural(posts(results), "POST", "POSTs"))
	if s.Receiver() != nil && rep.Delivered > 0 {
		fmt.Fprintf(w, "read back  curl -s %s/api/v2/trace/%s (while the receiver runs; try `zipkin-playground receive`)\n",
			"http://"+s.Receiver().Addr(), rep.TraceIDs[0])
	}
}

func samplingWord(n *tracing.Node) string {
	switch {
	case n.Context.Debug:
		return "debug"
	case n.Sampled():
		return "sampled"
	}
	return "not sampled: " + n.SamplerReason
}

// StderrProgress reports whether progress lines go to stderr.
func (o Options) StderrProgress(env Env) bool { return env.StderrTTY && !o.JSON }
