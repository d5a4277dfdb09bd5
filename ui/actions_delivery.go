package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/outbox"
)

// deliveryActions are the keys that send: F, r, and esc during a flush.
func deliveryActions(k *KeyMap) []action {
	return []action{
		{&k.Flush, canFlush, (*Model).flush},
		{&k.Retry, canRetry, (*Model).flush},
		{&k.StopFlush, flushRuns, (*Model).stopFlush},
	}
}

const errFlushRuns = "a flush is already running; wait for its results (esc cancels it)"

func canFlush(m *Model) string {
	if m.log.Flushing() {
		return errFlushRuns
	}
	if m.session.Outbox().Counts().Pending() > 0 {
		return ""
	}
	if running := m.runningSpans(); running > 0 {
		return fmt.Sprintf("nothing to send yet: %s %s running — f finishes the selected one (running spans are not sent)", plural(running, "span"), isAre(running))
	}
	return "nothing to send: every finished sampled span is delivered"
}

// canRetry: r is F when anything is pending (SPEC.md), so it applies when F
// does; with nothing pending nothing failed either.
func canRetry(m *Model) string {
	if m.log.Flushing() {
		return errFlushRuns
	}
	if m.session.Outbox().Counts().Pending() == 0 {
		return "nothing failed, nothing to retry"
	}
	return ""
}

func flushRuns(m *Model) string {
	if !m.log.Flushing() {
		return "no flush is running"
	}
	return ""
}

// flush sends every finished, sampled, undelivered span (F), or what failed (r).
func (m *Model) flush() tea.Cmd {
	pending := m.session.Outbox().Counts().Pending()
	note := ""
	if running := m.runningSpans(); running > 0 {
		note = fmt.Sprintf(" (%s %s not sent until finished)", plural(running, "running span"), isAre(running))
	}
	to := m.session.Endpoint().Display(m.reveal)
	m.setStatus("Flushing %s to %s%s… esc cancels.", plural(pending, "span"), to, note)
	// The log keeps the endpoint in clear and masks it when it draws.
	m.log.Add(fmt.Sprintf("— flush of %s to %s", plural(pending, "span"), m.session.Endpoint().Display(true)))
	out, retries, target := m.session.Outbox(), m.session.Config().Retries, m.session.Endpoint()
	return m.log.Start(func(ctx context.Context) tea.Cmd { return startFlush(ctx, out, retries, target) })
}

// stopFlush cancels the running flush (esc): batches not answered yet stay
// queued; the summary follows when the flush has wound down.
func (m *Model) stopFlush() tea.Cmd {
	m.log.Cancel()
	m.setStatus("Cancelling the flush: batches not answered yet stay queued.")
	return nil
}

// flushDone reports a flush's summary (not over the quit question).
func (m *Model) flushDone(sum outbox.FlushSummary) {
	if m.mode == modeConfirmQuit {
		return
	}
	switch {
	case m.log.cancelled:
		pending := m.session.Outbox().Counts().Pending()
		m.status, m.statusBad = fmt.Sprintf("Flush cancelled: %s delivered, %s queued — F sends them.",
			plural(sum.Delivered, "span"), plural(pending, "span")+" "+stays(pending)), true
	case sum.Failed == 0:
		m.setStatus("Delivered %s in %s (%s).", plural(sum.Delivered, "span"), plural(sum.Batches, "batch"), shortDur(sum.Elapsed))
		switch {
		case !m.session.Endpoint().Local || m.received.Focused():
		case m.layout().beside:
			m.status += " What arrived is in the Received pane, right."
		default:
			m.status += " tab → what the receiver got."
		}
	default:
		m.status, m.statusBad = fmt.Sprintf("%d of %s failed and %s queued — fix the endpoint (E) and press r to retry.", sum.Failed, plural(sum.Spans, "span"), stays(sum.Failed)), true
	}
}

// stays is the verb agreeing with n spans.
func stays(n int) string {
	if n == 1 {
		return "stays"
	}
	return "stay"
}
