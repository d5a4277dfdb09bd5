package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// The delivery log's own keys: F and r start a flush it runs and records,
// esc cancels it.

// logOf is the delivery log, for the actions it does.
func logOf(m *Model) *deliveryLog { return m.log }

// flush sends every finished, sampled, undelivered span (F), or what failed (r).
func (l *deliveryLog) flush() tea.Cmd {
	pending := l.session.Outbox().Counts().Pending()
	note := ""
	if running := l.session.Tree().Running(); running > 0 {
		note = fmt.Sprintf(" (%s %s not sent until finished)", plural(running, "running span"), isAre(running))
	}
	to := l.session.Endpoint().Display(l.reveal)
	l.say("Flushing %s to %s%s… %s cancels.", plural(pending, "span"), to, note, keyName(l.keys.StopFlush))
	// The log keeps the endpoint in clear and masks it when it draws.
	l.Add(fmt.Sprintf("— flush of %s to %s", plural(pending, "span"), l.session.Endpoint().Display(true)))
	out, retries, target := l.session.Outbox(), l.session.Config().Retries, l.session.Endpoint()
	return l.Start(func(ctx context.Context) tea.Cmd { return startFlush(ctx, out, retries, target) })
}

// stop cancels the running flush (esc): batches not answered yet stay
// queued; the summary follows when the flush has wound down.
func (l *deliveryLog) stop() tea.Cmd {
	l.Cancel()
	l.say("Cancelling the flush: batches not answered yet stay queued.")
	return nil
}
