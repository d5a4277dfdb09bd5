package ui

import (
	"fmt"
	"zipkin-playground/ui/pane"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/ui/component"
)

// deliveryActions are the keys that send: F, r, and esc during a flush.
func deliveryActions(k *component.KeyMap) []action {
	return []action{
		{&k.Flush, canFlush, with(logOf, (*pane.DeliveryLog).Flush)},
		{&k.Retry, canRetry, with(logOf, (*pane.DeliveryLog).Flush)},
		{&k.StopFlush, flushRuns, with(logOf, (*pane.DeliveryLog).Stop)},
	}
}

// flushRunning is why F and r wait.
func flushRunning(k *component.KeyMap) string {
	return "a flush is already running; wait for its results (" + component.KeyName(k.StopFlush) + " cancels it)"
}

func canFlush(m *Model) string {
	if m.log.Flushing() {
		return flushRunning(m.common.Keys)
	}
	if m.common.Session.Outbox().Counts().Pending() > 0 {
		return ""
	}
	if running := m.runningSpans(); running > 0 {
		return fmt.Sprintf("nothing to send yet: %s %s running — %s finishes the selected one (running spans are not sent)", component.Plural(running, "span"), component.IsAre(running), component.KeyName(m.common.Keys.Finish))
	}
	return "nothing to send: every finished sampled span is delivered"
}

// canRetry: r is F when anything is pending, since failed batches stay
// queued and a flush retries them; so it applies when F does, and with
// nothing pending nothing failed either.
func canRetry(m *Model) string {
	if m.log.Flushing() {
		return flushRunning(m.common.Keys)
	}
	if m.common.Session.Outbox().Counts().Pending() == 0 {
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
		pending := m.common.Session.Outbox().Counts().Pending()
		m.status, m.statusBad = fmt.Sprintf("Flush cancelled: %s delivered, %s queued — %s sends them.",
			component.Plural(sum.Delivered, "span"), component.Plural(pending, "span")+" "+stays(pending), component.KeyName(m.common.Keys.Flush)), true
	case sum.Failed == 0:
		m.setStatus("Delivered %s in %s (%s).", component.Plural(sum.Delivered, "span"), component.Plural(sum.Batches, "batch"), component.ShortDur(sum.Elapsed))
		switch {
		case !m.common.Session.Endpoint().Local || m.received.Focused():
		case m.screen.layout().Beside:
			m.status += " What arrived is in the Received pane, right."
		default:
			m.status += " " + component.KeyName(m.common.Keys.Tab) + " → what the receiver got."
		}
	default:
		m.status, m.statusBad = fmt.Sprintf("%d of %s failed and %s queued — fix the endpoint (%s) and press %s to retry.", sum.Failed, component.Plural(sum.Spans, "span"), stays(sum.Failed), component.KeyName(m.common.Keys.Endpoint), component.KeyName(m.common.Keys.Retry)), true
	}
}

// stays is the verb agreeing with n spans.
func stays(n int) string {
	if n == 1 {
		return "stays"
	}
	return "stay"
}
