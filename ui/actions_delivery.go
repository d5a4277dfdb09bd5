package ui

import (
	"fmt"

	"zipkin-playground/tracing/outbox"
)

// deliveryActions are the keys that send: F, r, and esc during a flush.
func deliveryActions(k *KeyMap) []action {
	return []action{
		{&k.Flush, canFlush, with(logOf, (*deliveryLog).flush)},
		{&k.Retry, canRetry, with(logOf, (*deliveryLog).flush)},
		{&k.StopFlush, flushRuns, with(logOf, (*deliveryLog).stop)},
	}
}

// flushRunning is why F and r wait.
func flushRunning(k *KeyMap) string {
	return "a flush is already running; wait for its results (" + keyName(k.StopFlush) + " cancels it)"
}

func canFlush(m *Model) string {
	if m.log.Flushing() {
		return flushRunning(m.keys)
	}
	if m.session.Outbox().Counts().Pending() > 0 {
		return ""
	}
	if running := m.runningSpans(); running > 0 {
		return fmt.Sprintf("nothing to send yet: %s %s running — %s finishes the selected one (running spans are not sent)", plural(running, "span"), isAre(running), keyName(m.keys.Finish))
	}
	return "nothing to send: every finished sampled span is delivered"
}

// canRetry: r is F when anything is pending, since failed batches stay
// queued and a flush retries them; so it applies when F does, and with
// nothing pending nothing failed either.
func canRetry(m *Model) string {
	if m.log.Flushing() {
		return flushRunning(m.keys)
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

// flushDone reports a flush's summary (not over the quit question).
func (m *Model) flushDone(sum outbox.FlushSummary) {
	if m.mode == modeConfirmQuit {
		return
	}
	switch {
	case m.log.Cancelled():
		pending := m.session.Outbox().Counts().Pending()
		m.status, m.statusBad = fmt.Sprintf("Flush cancelled: %s delivered, %s queued — %s sends them.",
			plural(sum.Delivered, "span"), plural(pending, "span")+" "+stays(pending), keyName(m.keys.Flush)), true
	case sum.Failed == 0:
		m.setStatus("Delivered %s in %s (%s).", plural(sum.Delivered, "span"), plural(sum.Batches, "batch"), shortDur(sum.Elapsed))
		switch {
		case !m.session.Endpoint().Local || m.received.Focused():
		case m.screen.layout().beside:
			m.status += " What arrived is in the Received pane, right."
		default:
			m.status += " " + keyName(m.keys.Tab) + " → what the receiver got."
		}
	default:
		m.status, m.statusBad = fmt.Sprintf("%d of %s failed and %s queued — fix the endpoint (%s) and press %s to retry.", sum.Failed, plural(sum.Spans, "span"), stays(sum.Failed), keyName(m.keys.Endpoint), keyName(m.keys.Retry)), true
	}
}

// stays is the verb agreeing with n spans.
func stays(n int) string {
	if n == 1 {
		return "stays"
	}
	return "stay"
}
