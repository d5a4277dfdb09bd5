package component

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/verify"
)

// Verification is what the query API said of each delivered span: the one
// place verification results live (the tracing session keeps none). The root
// owns it; the panes read it through common.
type Verification struct {
	checks map[outbox.SpanKey]*verify.SpanCheck
	cancel context.CancelFunc // non-nil while a verification runs
	again  bool               // a flush ended while one ran: verify its traces next
	traces int                // traces being read back
	frame  int                // spinner frame while running
	status string             // the status when it started (a flush's summary)
	// seen are the rewrites already explained: each is explained in the
	// status once, on first sight (i explains it again on the span).
	seen map[string]bool
	// Reports counts the read-backs that came back (learn's last lesson
	// notices a new one).
	Reports int
	// sentTo is where each delivered span went.
	sentTo sentTo
}

// Running says whether a verification runs.
func (v *Verification) Running() bool { return v != nil && v.cancel != nil }

// Check is what became of the span with key k, nil when not verified.
func (v *Verification) Check(k outbox.SpanKey) *verify.SpanCheck {
	if v == nil {
		return nil
	}
	return v.checks[k]
}

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// Notice is the tree title's note while verifying: a spinner and the count.
func (v *Verification) Notice() string {
	if !v.Running() {
		return ""
	}
	return fmt.Sprintf(" · %s verifying %s…", spinnerFrames[v.frame%len(spinnerFrames)], Plural(v.traces, "trace"))
}

// Verifier starts read-backs and words their results; the results live in
// the shared verification, the words go to the status and the log through
// requests.
type Verifier struct{ *Common }

// ReadBack reads every trace delivered to the current endpoint back (V);
// one delivered elsewhere keeps its verdict, and the log says where it went.
func (v Verifier) ReadBack() tea.Cmd {
	here, elsewhere := v.Verify.sentTo.split(verify.DeliveredSpans(v.Session), v.Session.Endpoint())
	v.noteElsewhere(elsewhere)
	if len(here) == 0 && len(elsewhere) > 0 {
		v.Say("Nothing was delivered to %s: %s sent to another endpoint keep their verdicts (the log says where).",
			v.Session.Endpoint().Display(v.Reveal), Plural(len(elsewhere), "trace"))
		return nil
	}
	return v.start(here, false)
}

// AfterFlush reads back what a flush delivered when verification is
// automatic: to the embedded receiver (its own query API), or when a query
// URL (O) or --verify is set.
func (v Verifier) AfterFlush(sum outbox.FlushSummary) tea.Cmd {
	cfg := v.Session.Config()
	if sum.Delivered == 0 || !(v.Session.Endpoint().Local || cfg.Query != "" || cfg.Verify) {
		return nil
	}
	if v.Verify.Running() {
		v.Verify.again = true
		return nil
	}
	return v.unchecked()
}

// unchecked reads back the delivered traces that hold a span not verified
// yet (a new span in a verified trace checks the trace again).
func (v Verifier) unchecked() tea.Cmd {
	delivered, _ := v.Verify.sentTo.split(verify.DeliveredSpans(v.Session), v.Session.Endpoint())
	fresh := map[model.TraceID]bool{}
	for _, s := range delivered {
		if v.Verify.Check(outbox.KeyOf(s)) == nil {
			fresh[s.TraceID] = true
		}
	}
	var spans []model.SpanModel
	for _, s := range delivered {
		if fresh[s.TraceID] {
			spans = append(spans, s)
		}
	}
	return v.start(spans, true)
}

// VerifyStartedMsg says a read-back started: the root shows text unless it
// runs by itself (auto) or the quit question holds the status line.
type VerifyStartedMsg struct {
	Text string
	Auto bool
}

// LogMsg is a line for the delivery log.
type LogMsg struct{ Line string }

// start reads spans back in a command; the results come back as a
// VerifyDoneMsg.
func (v Verifier) start(spans []model.SpanModel, auto bool) tea.Cmd {
	if len(spans) == 0 {
		return nil
	}
	traces := map[model.TraceID]bool{}
	for _, s := range spans {
		traces[s.TraceID] = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.Verify.cancel, v.Verify.traces = cancel, len(traces)
	v.Send(VerifyStartedMsg{Auto: auto,
		Text: fmt.Sprintf("Verifying %s: reading %s back from the query API…", Plural(len(traces), "trace"), Plural(len(spans), "span"))})
	cfg, ep, enc := v.Session.Config(), v.Session.Endpoint(), v.Session.Outbox().Encoding()
	return tea.Batch(verifyCmd(ctx, cfg, ep, enc, spans), verifyTick())
}

// Tick turns the spinner while a read-back runs.
func (v Verifier) Tick() tea.Cmd {
	if !v.Verify.Running() {
		return nil
	}
	v.Verify.frame++
	return verifyTick()
}

// Done keeps a read-back's results and logs them; it returns what the
// status says (explained: a rewrite is explained, the status is full), and
// the next read-back when a flush ended meanwhile.
func (v Verifier) Done(msg VerifyDoneMsg) (text string, bad, explained bool, next tea.Cmd) {
	vf := v.Verify
	if vf.cancel != nil {
		vf.cancel()
		vf.cancel = nil
	}
	if msg.Err != nil {
		v.Send(LogMsg{"verify: " + msg.Err.Error()})
		text, bad = "Cannot verify: "+msg.Err.Error()+" — {Options} sets the query URL (Jaeger: http://host:16686).", true
	} else {
		v.keep(msg.Report)
		text, bad, explained = v.summary(msg.Report)
	}
	if vf.again {
		vf.again = false
		next = v.unchecked()
	}
	return text, bad, explained, next
}

// keep records each span's check and logs each trace's summary.
func (v Verifier) keep(rep verify.Report) {
	v.Verify.Reports++
	v.Send(LogMsg{fmt.Sprintf("— verify %s at %s (%s API)", Plural(len(rep.Traces), "trace"), rep.Query, rep.Kind)})
	at := v.Now().Format("15:04:05")
	for _, t := range rep.Traces {
		for j := range t.Checks {
			c := t.Checks[j]
			v.Verify.checks[c.Key] = &c
		}
		v.Send(LogMsg{fmt.Sprintf("%s  trace %s  %s", at, t.TraceID, t.Summary(rep.Timeout))})
	}
}

// summary says what the read-back found, and explains the first rewrite
// seen for the first time (explained reports it did: the status is full).
func (v Verifier) summary(rep verify.Report) (text string, bad, explained bool) {
	counts := map[verify.State]int{}
	diffs := 0
	for _, t := range rep.Traces {
		for _, c := range t.Checks {
			counts[c.State]++
		}
		diffs += len(t.Differences)
	}
	total := counts[verify.StateVerified] + counts[verify.StateChanged] + counts[verify.StateMissing]
	switch {
	case counts[verify.StateMissing] > 0:
		return fmt.Sprintf("%s of %d missing from the %s query API after %s: accepted but not stored — wrong backend, sampling at the collector, or storage lag ({Options}: query URL, verify timeout).",
			Plural(counts[verify.StateMissing], "span"), total, rep.Kind, rep.Timeout), true, false
	case counts[verify.StateChanged] > 0:
		text = fmt.Sprintf("Read back %s: %d stored as sent, %d changed (%s) — the inspector shows what was stored and why.",
			Plural(total, "span"), counts[verify.StateVerified], counts[verify.StateChanged], Plural(diffs, "difference"))
	default:
		text = fmt.Sprintf("Verified: %s read back exactly as sent (%s).", Plural(total, "span"), ShortDur(rep.Elapsed))
	}
	fresh := v.firstSight(rep)
	if len(fresh) == 0 {
		return text, false, false
	}
	// A learner's first sight of a rewrite: the explanation takes the room.
	text = fmt.Sprintf("%d of %s changed. New: %s", counts[verify.StateChanged], Plural(total, "span"), fresh[0])
	if len(fresh) > 1 {
		text += fmt.Sprintf(" (%d more: {Explain} on a changed span)", len(fresh)-1)
	} else {
		text += " ({Explain} repeats it)"
	}
	return text, false, true
}

// firstSight is the learner's explanation of each rewrite in rep not
// explained before, in the order they appear; they count as seen from now.
func (v Verifier) firstSight(rep verify.Report) []string {
	var out []string
	for _, t := range rep.Traces {
		for _, d := range t.Differences {
			if d.Rewrite == "" || v.Verify.seen[d.Rewrite] {
				continue
			}
			v.Verify.seen[d.Rewrite] = true
			if r, ok := verify.RewriteNamed(d.Rewrite); ok {
				out = append(out, r.Explain)
			}
		}
	}
	return out
}

// COMMANDS

// VerifyDoneMsg is a verification's report, or why none could be made.
type VerifyDoneMsg struct {
	Report verify.Report
	Err    error
	Local  bool // read back from the embedded receiver
}

// VerifyTickMsg turns the verification spinner.
type VerifyTickMsg struct{}

func verifyTick() tea.Cmd {
	return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return VerifyTickMsg{} })
}

// verifyCmd finds the query API (which may probe the network) and reads the
// spans back, polling until found or cfg.VerifyTimeout.
func verifyCmd(ctx context.Context, cfg tracing.Config, ep secret.Endpoint, enc outbox.Encoding, spans []model.SpanModel) tea.Cmd {
	return func() tea.Msg {
		api, err := verify.QueryAPIFor(ctx, cfg, ep, verify.QueryOptions{})
		if err != nil {
			return VerifyDoneMsg{Err: err}
		}
		v := verify.NewVerifier(api, verify.Options{Timeout: cfg.VerifyTimeout, Encoding: enc})
		// A query URL is read even when the endpoint is local.
		local := ep.Local && strings.TrimSpace(cfg.Query) == ""
		return VerifyDoneMsg{Report: v.Verify(ctx, spans), Local: local}
	}
}
