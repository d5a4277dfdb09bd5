package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/verify"
)

// CheckService is the service name of check --verify's probe span, so that it
// is easy to find (and to ignore) in the backend.
const CheckService = "zipkin-playground-check"

// notStoredHint is the hint for spans accepted but never read back.
const notStoredHint = "the collector accepts spans but the query API does not have them: wrong backend, sampling at the collector, or storage lag beyond --verify-timeout"

// verifyWanted: --verify, and always for the embedded receiver, which is its
// own query API — except in a burst, where it keeps only the newest traces.
func verifyWanted(opts Options, s *tracing.Session) bool {
	return opts.Config.Verify || (s.Endpoint().Local && !opts.Burst())
}

// verifyDelivered reads every delivered span of s back from the query API
// (the --query URL, the endpoint's origin, or the embedded receiver).
func verifyDelivered(ctx context.Context, s *tracing.Session) (verify.Report, error) {
	cfg := s.Config()
	api, err := verify.QueryAPIFor(ctx, cfg, s.Endpoint(), verify.QueryOptions{})
	if err != nil {
		return verify.Report{}, err
	}
	v := verify.NewVerifier(api, verify.Options{Timeout: cfg.VerifyTimeout, Encoding: cfg.Encoding})
	return v.Verify(ctx, verify.DeliveredSpans(s)), nil
}

// printVerify writes one line per trace and one per difference:
//
//	verify     4bf92f3577b34da6  verified 4/4 spans in 180.0ms
//	verify     a3ce929d0e0e4736  changed: 4/4 spans stored, 1 difference (read back in 160.2ms)
//	             span a3ce929d0e0e4736 name: sent "Checkout", stored "checkout" — zipkin-go's JSON serializer …
func printVerify(w io.Writer, rep verify.Report) {
	fmt.Fprintf(w, "query      %s (%s API)\n", rep.Query, rep.Kind)
	for _, t := range rep.Traces {
		fmt.Fprintf(w, "verify     %s  %s\n", t.TraceID, t.Summary(rep.Timeout))
		for _, d := range t.Differences {
			fmt.Fprintf(w, "             span %s %s: sent %q, stored %q — %s\n", d.SpanID, d.Field, d.Sent, d.Stored, d.Why)
		}
	}
	fmt.Fprintf(w, "stored     %d %s read back intact", rep.Verified, plural(rep.Verified, "span", "spans"))
	if n := rep.Missing(); n > 0 {
		fmt.Fprintf(w, ", %d of %d traces missing", n, len(rep.Traces))
	}
	fmt.Fprintln(w)
}

// verifyFailure is send's error when a trace is missing, nil otherwise.
func verifyFailure(rep verify.Report) error {
	n := rep.Missing()
	if n == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d traces missing from the query API after %s", n, len(rep.Traces), rep.Timeout)
}

// sendVerify reads back what send delivered when verification is wanted and
// adds it to the report; ran is false when it was not wanted.
func sendVerify(ctx context.Context, opts Options, s *tracing.Session, report *SendReport) (rep verify.Report, err error) {
	if !verifyWanted(opts, s) || report.Delivered == 0 {
		return rep, nil
	}
	rep, err = verifyDelivered(ctx, s)
	if err != nil {
		report.VerifyError = err.Error()
		return rep, err
	}
	report.Verified, report.Traces = &rep.Verified, rep.Traces
	report.Query, report.QueryAPI = rep.Query, rep.Kind
	return rep, nil
}

// printSendVerify prints send's verification, if any ran (when it could not
// run, send's error on stderr says why).
func printSendVerify(env Env, report SendReport, rep verify.Report) {
	if report.Verified != nil {
		printVerify(env.Stdout, rep)
	}
}

// checkStored sends one probe span and reads it back: check --verify is
// healthy only when the span was stored.
func checkStored(s *tracing.Session, rep *CheckReport) {
	cfg := s.Config()
	ctx, cancel := context.WithTimeout(context.Background(), 2*cfg.Timeout+cfg.VerifyTimeout+time.Second)
	defer cancel()
	stored := false
	rep.Stored, rep.Healthy = &stored, false
	probe, err := s.NewTrace("zipkin-playground check")
	if err == nil {
		err = s.Finish(probe)
	}
	if err != nil {
		rep.Error = "cannot build the probe span: " + err.Error()
		return
	}
	var last outbox.DeliveryResult
	sum := s.Outbox().Flush(ctx, func(r outbox.DeliveryResult) { last = r })
	if sum.Delivered == 1 { // verifying means writing: the backend keeps the probe
		rep.Probe = fmt.Sprintf("1 probe span %q of service %q, trace %s: it stays in the backend (--service names it)",
			probe.Name, cfg.Service, probe.Context.TraceID)
	}
	if sum.Delivered != 1 {
		rep.Error, rep.Class, rep.Hint = "the probe span was not accepted: "+errorText(last), string(last.Class), last.Hint
		return
	}
	vrep, err := verifyDelivered(ctx, s)
	if err != nil {
		rep.Error, rep.Hint = "cannot read the probe span back: "+err.Error(), "--query URL names the query API (Zipkin's, or Jaeger's on port 16686)"
		return
	}
	rep.Query, rep.QueryAPI = vrep.Query, vrep.Kind
	t := vrep.Traces[0]
	rep.Verify = &t
	if t.State == verify.StateMissing {
		rep.Error, rep.Hint = "accepted but not stored: "+t.Summary(vrep.Timeout), notStoredHint
		return
	}
	stored, rep.Healthy = true, true
	rep.ReadBackMs = t.ReadBackMs
}

// storedLine is check's line about the probe span.
func storedLine(rep CheckReport) string {
	switch {
	case rep.Stored == nil:
		return ""
	case *rep.Stored:
		return fmt.Sprintf("accepted and stored, read back in %s from %s (%s API)",
			outbox.FormatLatency(time.Duration(rep.ReadBackMs*float64(time.Millisecond))), rep.Query, rep.QueryAPI)
	}
	return "NOT read back"
}
