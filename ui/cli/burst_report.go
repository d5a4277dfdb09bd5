package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/verify"
)

// burstReport is send --json's report of a burst: the batches array holds
// the first keptBatches results, BatchesOmitted says how many more there
// were, and Failures aggregates every failed batch by kind. TraceIDs is
// left empty: writeBurstJSON streams out.ids (16 bytes each) into it.
func burstReport(s *tracing.Session, out burstOutcome, elapsed time.Duration) SendReport {
	st := out.stats.snapshot()
	rep := SendReport{
		Endpoint: s.Endpoint().Display(s.Config().RevealSecrets), TraceIDs: []string{},
		Batches: make([]BatchReport, 0, len(st.first)), BatchesOmitted: st.results - len(st.first), Failures: st.failures,
		NotSampled: out.built.NotSampled, TraceCount: out.built.Traces, Posts: st.posts, Interrupted: out.interrupted,
		LatencyP50Ms: millis(st.p50), LatencyP99Ms: millis(st.p99), ElapsedMs: millis(elapsed),
	}
	for _, r := range st.first {
		rep.Batches = append(rep.Batches, batchReport(r))
	}
	c := s.Outbox().Counts()
	rep.Delivered, rep.Failed = c.Delivered, c.Undelivered()
	rep.Spans = rep.Delivered + rep.Failed
	if out.buildMs > 0 {
		rep.TracesPerSecond = float64(out.built.Traces) / (out.buildMs / 1000)
	}
	return rep
}

// burstVerify reads the burst's sample (its first verifySample traces) back
// with --verify, once every span was delivered, and adds it to report.
func burstVerify(ctx context.Context, opts Options, s *tracing.Session, out burstOutcome, report *SendReport) (rep verify.Report, err error) {
	if !opts.Config.Verify || report.Delivered == 0 || report.Failed > 0 {
		return rep, nil
	}
	cfg := s.Config()
	api, err := verify.QueryAPIFor(ctx, cfg, s.Endpoint(), verify.QueryOptions{})
	if err != nil {
		report.VerifyError = err.Error()
		return rep, err
	}
	v := verify.NewVerifier(api, verify.Options{Timeout: cfg.VerifyTimeout, Encoding: cfg.Encoding})
	rep = v.Verify(ctx, out.sample)
	report.Verified, report.Traces = &rep.Verified, rep.Traces
	report.Query, report.QueryAPI = rep.Query, rep.Kind
	return rep, nil
}

// writeBurstJSON writes rep as send --json does, with ids streamed into its
// traceIds array: a million trace IDs as a []string and an encoded document
// would hold ~100 MB at once.
func writeBurstJSON(env Env, rep SendReport, ids []model.TraceID) error {
	doc, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	const empty = `"traceIds": [],`
	at := bytes.Index(doc, []byte(empty))
	if at < 0 || len(ids) == 0 {
		_, err = fmt.Fprintf(env.Stdout, "%s\n", doc)
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	w.Write(doc[:at])
	w.WriteString(`"traceIds": [`)
	for i, id := range ids {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    \"" + id.String() + "\"")
	}
	w.WriteString("\n  ],")
	w.Write(doc[at+len(empty):])
	w.WriteByte('\n')
	return w.Flush()
}

// printBurstReport is the text summary: the first batches (when there are
// few), the failures by kind, the totals and a latency histogram.
func printBurstReport(env Env, s *tracing.Session, opts Options, out burstOutcome, rep SendReport) {
	w := env.Stdout
	st := out.stats.snapshot()
	fmt.Fprintf(w, "endpoint   %s\n", rep.Endpoint)
	if st.results <= keptBatches {
		// A stream numbers its batches as they are cut and answers arrive
		// in any order; the total is known only now.
		sort.Slice(st.first, func(i, j int) bool { return st.first[i].Batch < st.first[j].Batch })
		for _, r := range st.first {
			r.Batches = st.results
			fmt.Fprintf(w, "%s\n", r.Summary())
		}
	}
	for _, f := range st.failures {
		fmt.Fprintf(w, "failed     %d %s (%d %s): %s", f.Batches, plural(f.Batches, "batch", "batches"), f.Spans, plural(f.Spans, "span", "spans"), f.Error)
		if f.Hint != "" {
			fmt.Fprintf(w, " — %s", f.Hint)
		}
		fmt.Fprintln(w)
	}
	asked := "as fast as delivery allows"
	if opts.Rate > 0 {
		asked = fmt.Sprintf("asked %g/s", opts.Rate)
	}
	if out.interrupted {
		asked += "; interrupted"
	}
	fmt.Fprintf(w, "built      %d traces, %d spans in %.1fs: %.1f traces/s (%s)\n",
		out.built.Traces, out.built.Spans, out.buildMs/1000, rep.TracesPerSecond, asked)
	if rep.NotSampled > 0 {
		fmt.Fprintf(w, "not sent   %d %s not sampled (--sampler %s)\n", rep.NotSampled, plural(rep.NotSampled, "span", "spans"), s.Config().Sampler)
	}
	if out.built.Running > 0 {
		fmt.Fprintf(w, "not sent   %d spans left running by the scenario\n", out.built.Running)
	}
	fmt.Fprintf(w, "delivered  %d of %d %s", rep.Delivered, rep.Spans, plural(rep.Spans, "span", "spans"))
	if rep.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", rep.Failed)
	}
	fmt.Fprintf(w, " in %d %s, %.0f spans/s, POST latency p50 %.1fms p99 %.1fms\n", st.posts, plural(st.posts, "POST", "POSTs"),
		float64(rep.Delivered)/(rep.ElapsedMs/1000), rep.LatencyP50Ms, rep.LatencyP99Ms)
	st.hist.print(w)
	if s.Receiver() != nil && rep.Delivered > 0 && !out.first.Empty() {
		fmt.Fprintf(w, "read back  curl -s %s/api/v2/trace/%s (while the receiver runs; try `zipkin-playground receive`)\n",
			"http://"+s.Receiver().Addr(), out.first)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
