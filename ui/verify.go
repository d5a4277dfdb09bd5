package ui

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

// verification is what the query API said of each delivered span: the one
// place verification results live (the tracing session keeps none). The root
// owns it; the panes read it through common.
type verification struct {
	checks map[outbox.SpanKey]*verify.SpanCheck
	cancel context.CancelFunc // non-nil while a verification runs
	again  bool               // a flush ended while one ran: verify its traces next
	traces int                // traces being read back
	frame  int                // spinner frame while running
	status string             // the status when it started (a flush's summary)
	// seen are the rewrites already explained: each is explained in the
	// status once, on first sight (i explains it again on the span).
	seen map[string]bool
	// reports counts the read-backs that came back (learn's last lesson
	// notices a new one).
	reports int
	// sentTo is where each delivered span went.
	sentTo sentTo
}

func newVerification() *verification {
	return &verification{checks: map[outbox.SpanKey]*verify.SpanCheck{}, seen: map[string]bool{}, sentTo: newSentTo()}
}

// running says whether a verification runs.
func (v *verification) running() bool { return v != nil && v.cancel != nil }

// check is what became of the span with key k, nil when not verified.
func (v *verification) check(k outbox.SpanKey) *verify.SpanCheck {
	if v == nil {
		return nil
	}
	return v.checks[k]
}

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// notice is the tree title's note while verifying: a spinner and the count.
func (v *verification) notice() string {
	if !v.running() {
		return ""
	}
	return fmt.Sprintf(" · %s verifying %s…", spinnerFrames[v.frame%len(spinnerFrames)], plural(v.traces, "trace"))
}

// verifiedCount is how many spans were read back exactly as sent (learn's
// lessons check it).
func (c *common) verifiedCount() int { return c.countChecks(verify.StateVerified) }

// checkedCount is how many spans verification has a result for, whatever
// the result (verified, changed or missing).
func (c *common) checkedCount() int { return c.countChecks("") }

func (c *common) countChecks(state verify.State) int {
	if c.verify == nil {
		return 0
	}
	n := 0
	for _, ch := range c.verify.checks {
		if state == "" || ch.State == state {
			n++
		}
	}
	return n
}

// verifyActions is V.
func verifyActions(k *KeyMap) []action {
	return []action{{&k.Verify, canVerify, with(verifierOf, verifier.readBack)}}
}

func canVerify(m *Model) string {
	switch {
	case m.verify.running():
		return "a verification is running: wait for its results"
	case m.session.Outbox().Counts().Delivered == 0:
		return "nothing delivered yet: flush ({Flush}) first, then {Verify} reads the traces back from the query API"
	}
	return ""
}

// verifier starts read-backs and words their results; the results live in
// the shared verification, the words go to the status and the log through
// requests.
type verifier struct{ *common }

// verifierOf is the verifier, for V.
func verifierOf(m *Model) verifier { return verifier{m.common} }

// readBack reads every trace delivered to the current endpoint back (V);
// one delivered elsewhere keeps its verdict, and the log says where it went.
func (v verifier) readBack() tea.Cmd {
	here, elsewhere := v.verify.sentTo.split(verify.DeliveredSpans(v.session), v.session.Endpoint())
	v.noteElsewhere(elsewhere)
	if len(here) == 0 && len(elsewhere) > 0 {
		v.say("Nothing was delivered to %s: %s sent to another endpoint keep their verdicts (the log says where).",
			v.session.Endpoint().Display(v.reveal), plural(len(elsewhere), "trace"))
		return nil
	}
	return v.start(here, false)
}

// afterFlush reads back what a flush delivered when verification is
// automatic: to the embedded receiver (its own query API), or when a query
// URL (O) or --verify is set.
func (v verifier) afterFlush(sum outbox.FlushSummary) tea.Cmd {
	cfg := v.session.Config()
	if sum.Delivered == 0 || !(v.session.Endpoint().Local || cfg.Query != "" || cfg.Verify) {
		return nil
	}
	if v.verify.running() {
		v.verify.again = true
		return nil
	}
	return v.unchecked()
}

// unchecked reads back the delivered traces that hold a span not verified
// yet (a new span in a verified trace checks the trace again).
func (v verifier) unchecked() tea.Cmd {
	delivered, _ := v.verify.sentTo.split(verify.DeliveredSpans(v.session), v.session.Endpoint())
	fresh := map[model.TraceID]bool{}
	for _, s := range delivered {
		if v.verify.check(outbox.KeyOf(s)) == nil {
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

// verifyStartedMsg says a read-back started: the root shows text unless it
// runs by itself (auto) or the quit question holds the status line.
type verifyStartedMsg struct {
	text string
	auto bool
}

// logMsg is a line for the delivery log.
type logMsg struct{ line string }

// start reads spans back in a command; the results come back as a
// verifyDoneMsg.
func (v verifier) start(spans []model.SpanModel, auto bool) tea.Cmd {
	if len(spans) == 0 {
		return nil
	}
	traces := map[model.TraceID]bool{}
	for _, s := range spans {
		traces[s.TraceID] = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.verify.cancel, v.verify.traces = cancel, len(traces)
	v.send(verifyStartedMsg{auto: auto,
		text: fmt.Sprintf("Verifying %s: reading %s back from the query API…", plural(len(traces), "trace"), plural(len(spans), "span"))})
	cfg, ep, enc := v.session.Config(), v.session.Endpoint(), v.session.Outbox().Encoding()
	return tea.Batch(verifyCmd(ctx, cfg, ep, enc, spans), verifyTick())
}

// tick turns the spinner while a read-back runs.
func (v verifier) tick() tea.Cmd {
	if !v.verify.running() {
		return nil
	}
	v.verify.frame++
	return verifyTick()
}

// done keeps a read-back's results and logs them; it returns what the
// status says (explained: a rewrite is explained, the status is full), and
// the next read-back when a flush ended meanwhile.
func (v verifier) done(msg verifyDoneMsg) (text string, bad, explained bool, next tea.Cmd) {
	vf := v.verify
	if vf.cancel != nil {
		vf.cancel()
		vf.cancel = nil
	}
	if msg.err != nil {
		v.send(logMsg{"verify: " + msg.err.Error()})
		text, bad = "Cannot verify: "+msg.err.Error()+" — {Options} sets the query URL (Jaeger: http://host:16686).", true
	} else {
		v.keep(msg.report)
		text, bad, explained = v.summary(msg.report)
	}
	if vf.again {
		vf.again = false
		next = v.unchecked()
	}
	return text, bad, explained, next
}

// keep records each span's check and logs each trace's summary.
func (v verifier) keep(rep verify.Report) {
	v.verify.reports++
	v.send(logMsg{fmt.Sprintf("— verify %s at %s (%s API)", plural(len(rep.Traces), "trace"), rep.Query, rep.Kind)})
	at := v.now().Format("15:04:05")
	for _, t := range rep.Traces {
		for j := range t.Checks {
			c := t.Checks[j]
			v.verify.checks[c.Key] = &c
		}
		v.send(logMsg{fmt.Sprintf("%s  trace %s  %s", at, t.TraceID, t.Summary(rep.Timeout))})
	}
}

// summary says what the read-back found, and explains the first rewrite
// seen for the first time (explained reports it did: the status is full).
func (v verifier) summary(rep verify.Report) (text string, bad, explained bool) {
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
			plural(counts[verify.StateMissing], "span"), total, rep.Kind, rep.Timeout), true, false
	case counts[verify.StateChanged] > 0:
		text = fmt.Sprintf("Read back %s: %d stored as sent, %d changed (%s) — the inspector shows what was stored and why.",
			plural(total, "span"), counts[verify.StateVerified], counts[verify.StateChanged], plural(diffs, "difference"))
	default:
		text = fmt.Sprintf("Verified: %s read back exactly as sent (%s).", plural(total, "span"), shortDur(rep.Elapsed))
	}
	fresh := v.firstSight(rep)
	if len(fresh) == 0 {
		return text, false, false
	}
	// A learner's first sight of a rewrite: the explanation takes the room.
	text = fmt.Sprintf("%d of %s changed. New: %s", counts[verify.StateChanged], plural(total, "span"), fresh[0])
	if len(fresh) > 1 {
		text += fmt.Sprintf(" (%d more: {Explain} on a changed span)", len(fresh)-1)
	} else {
		text += " ({Explain} repeats it)"
	}
	return text, false, true
}

// firstSight is the learner's explanation of each rewrite in rep not
// explained before, in the order they appear; they count as seen from now.
func (v verifier) firstSight(rep verify.Report) []string {
	var out []string
	for _, t := range rep.Traces {
		for _, d := range t.Differences {
			if d.Rewrite == "" || v.verify.seen[d.Rewrite] {
				continue
			}
			v.verify.seen[d.Rewrite] = true
			if r, ok := verify.RewriteNamed(d.Rewrite); ok {
				out = append(out, r.Explain)
			}
		}
	}
	return out
}

// rewriteExplanations are the plain-words explanations of the rewrites the
// backend made to n (one per rewrite; the reason itself for a difference no
// known rewrite explains), for learn's explain view (i). None when n was not
// verified or was stored as sent.
func (c *common) rewriteExplanations(n *tracing.Node) []string {
	if n == nil {
		return nil
	}
	ch := c.verify.check(n.Key)
	if ch == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range ch.Differences {
		text := d.Field + ": " + d.Why
		if r, ok := verify.RewriteNamed(d.Rewrite); ok {
			text = r.Explain
		}
		if !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
	}
	return out
}

// COMMANDS

// verifyDoneMsg is a verification's report, or why none could be made.
type verifyDoneMsg struct {
	report verify.Report
	err    error
	local  bool // read back from the embedded receiver
}

// verifyTickMsg turns the verification spinner.
type verifyTickMsg struct{}

func verifyTick() tea.Cmd {
	return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return verifyTickMsg{} })
}

// verifyCmd finds the query API (which may probe the network) and reads the
// spans back, polling until found or cfg.VerifyTimeout.
func verifyCmd(ctx context.Context, cfg tracing.Config, ep secret.Endpoint, enc outbox.Encoding, spans []model.SpanModel) tea.Cmd {
	return func() tea.Msg {
		api, err := verify.QueryAPIFor(ctx, cfg, ep, verify.QueryOptions{})
		if err != nil {
			return verifyDoneMsg{err: err}
		}
		v := verify.NewVerifier(api, verify.Options{Timeout: cfg.VerifyTimeout, Encoding: enc})
		// A query URL is read even when the endpoint is local.
		local := ep.Local && strings.TrimSpace(cfg.Query) == ""
		return verifyDoneMsg{report: v.Verify(ctx, spans), local: local}
	}
}
