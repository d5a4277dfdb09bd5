package component

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// Flush sends every finished, sampled, undelivered span (F), or what failed (r).
func (l *DeliveryLog) Flush() tea.Cmd {
	pending := l.Session.Outbox().Counts().Pending()
	note := ""
	if running := l.Session.Tree().Running(); running > 0 {
		note = fmt.Sprintf(" (%s %s not sent until finished)", Plural(running, "running span"), IsAre(running))
	}
	to := l.Session.Endpoint().Display(l.Reveal)
	l.say("Flushing %s to %s%s… %s cancels.", Plural(pending, "span"), to, note, KeyName(l.Keys.StopFlush))
	// The log keeps the endpoint in clear and masks it when it draws.
	l.Add(fmt.Sprintf("— flush of %s to %s", Plural(pending, "span"), l.Session.Endpoint().Display(true)))
	out, retries, target := l.Session.Outbox(), l.Session.Config().Retries, l.Session.Endpoint()
	return l.start(func(ctx context.Context) tea.Cmd { return StartFlush(ctx, out, retries, target) })
}

// Stop cancels the running flush (esc): batches not answered yet stay
// queued; the summary follows when the flush has wound down.
func (l *DeliveryLog) Stop() tea.Cmd {
	l.Cancel()
	l.say("Cancelling the flush: batches not answered yet stay queued.")
	return nil
}
