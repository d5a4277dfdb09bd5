package pane

import (
	"context"
	"fmt"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
)

// Flush sends every finished, sampled, undelivered span (F), or what failed (r).
func (l *DeliveryLog) Flush() tea.Cmd {
	pending := l.Session.Outbox().Counts().Pending()
	note := ""
	if running := l.Session.Tree().Running(); running > 0 {
		note = fmt.Sprintf(" (%s %s not sent until finished)", component.Plural(running, "running span"), component.IsAre(running))
	}
	to := l.Session.Endpoint().Display(l.Reveal)
	l.Say("Flushing %s to %s%s… %s cancels.", component.Plural(pending, "span"), to, note, component.KeyName(l.Keys.StopFlush))
	// The log keeps the endpoint in clear and masks it when it draws.
	l.Add(fmt.Sprintf("— flush of %s to %s", component.Plural(pending, "span"), l.Session.Endpoint().Display(true)))
	out, retries, target := l.Session.Outbox(), l.Session.Config().Retries, l.Session.Endpoint()
	return l.start(func(ctx context.Context) tea.Cmd { return component.StartFlush(ctx, out, retries, target) })
}

// Stop cancels the running flush (esc): batches not answered yet stay
// queued; the summary follows when the flush has wound down.
func (l *DeliveryLog) Stop() tea.Cmd {
	l.Cancel()
	l.Say("Cancelling the flush: batches not answered yet stay queued.")
	return nil
}
