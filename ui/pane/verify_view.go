package pane

import (
	"fmt"
	"strconv"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/verify"
)

// deliveryWord is the delivery state the tree row and the inspector show: a
// delivered span that was read back says what verification found.
func deliveryWord(c *component.Common, k outbox.SpanKey, state outbox.DeliveryState) (string, lipgloss.Style) {
	ch := c.Verify.Check(k)
	if state != outbox.Delivered || ch == nil {
		return state.String(), deliveryStyle(c.Styles, state)
	}
	return string(ch.State), verifyStyle(c.Styles, ch.State)
}

// verifyStyle colours a verification state: verified as delivered, changed as
// a warning, missing as a failure (the words say it without colour).
func verifyStyle(st *component.Styles, s verify.State) lipgloss.Style {
	switch s {
	case verify.StateVerified:
		return st.Delivered
	case verify.StateChanged:
		return st.Queued
	}
	return st.Failed
}

// verifyNote is what the inspector adds after the delivery state.
func (v *Inspector) verifyNote(k outbox.SpanKey, state outbox.DeliveryState) string {
	if state != outbox.Delivered {
		return ""
	}
	ch := v.Verify.Check(k)
	switch {
	case ch == nil && v.Verify.Running():
		return " · being read back from the query API…"
	case ch == nil:
		return " (accepted, 2xx) · not read back yet: V verifies"
	case ch.State == verify.StateVerified:
		return ": read back from the query API exactly as sent"
	case ch.State == verify.StateChanged:
		return fmt.Sprintf(": read back, but stored otherwise (%s, below)", component.Plural(len(ch.Differences), "difference"))
	}
	return ": accepted (2xx) but the query API does not have it"
}

// storedAs lists, for a span stored otherwise than sent, each changed field
// as stored, what was sent, and why the backend did it.
func (v *Inspector) storedAs(n *tracing.Node, line func(label, value string)) {
	ch := v.Verify.Check(n.Key)
	if ch == nil || ch.State != verify.StateChanged {
		return
	}
	for i, d := range ch.Differences {
		label := ""
		if i == 0 {
			label = "stored as"
		}
		line(label, fmt.Sprintf("%s %s (sent %s)", component.Safe(d.Field), v.Styles.Queued.Render(storedValue(d.Stored)), storedValue(d.Sent)))
		line("", v.Styles.Dim.Render("↳ "+component.Safe(d.Why)))
	}
}

// storedValue is a sent or stored value as the inspector shows it: quoted and
// made safe, or "nothing" when absent.
func storedValue(s string) string {
	if s == "" {
		return "nothing"
	}
	return component.Safe(strconv.Quote(s))
}

// verifyItems are i's words on what the backend stored of n: the state, then
// each difference with the plain-words explanation of its rewrite (i is
// where a rewrite explained once in the status is reached again).
func verifyItems(c *component.Common, n *tracing.Node) []component.ExplainItem {
	ch := c.Verify.Check(n.Key)
	if ch == nil {
		return nil
	}
	items := []component.ExplainItem{{Label: "verified", Value: string(ch.State), Means: verifyMeaning(ch.State)}}
	for _, d := range ch.Differences {
		means := d.Why
		if r, ok := verify.RewriteNamed(d.Rewrite); ok {
			means = r.Explain + " (" + d.Why + ")"
		}
		items = append(items, component.ExplainItem{Label: "stored as", Value: component.Safe(d.Field) + " " + storedValue(d.Stored) + " (sent " + storedValue(d.Sent) + ")", Means: component.Safe(means)})
	}
	return items
}

func verifyMeaning(s verify.State) string {
	switch s {
	case verify.StateVerified:
		return "Read back from the query API field for field as it was sent: the backend stored this span, unchanged."
	case verify.StateChanged:
		return "Read back from the query API, but stored otherwise than sent: each field that differs follows, with why the backend (or the serializer on the way) changed it."
	}
	return "The collector accepted it (2xx), but the query API did not have it when the verify timeout ran out: a 2xx means accepted, not stored."
}
