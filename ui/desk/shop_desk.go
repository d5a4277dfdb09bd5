package desk

import (
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/shop"
)

// Shop is the demo shop as the playground sees it (not started, being
// started with calls waiting in queued, or running), with what H, M and the
// shop's messages do to it. It draws nothing: it opens the route picker and
// the service map in the dialog slot and asks the root for the status line.
type Shop struct {
	*component.Common
	selected func() *tracing.Node // the tree's span: H calls for it
	log      ShopLog
	slot     func() component.Dialog // what the dialog slot shows: the map reads again while it is there

	Running  *shop.Shop
	Starting bool
	queued   []shopCall
	// ReportingTo is where the services report; when the session's
	// endpoint moves, the next call moves them first.
	ReportingTo string
	mapGen      int // the open service map's generation; stale ticks are dropped
	problems    int // reporter complaints already logged
	// called counts the calls each span made: a second one reuses its ID.
	called map[*tracing.Node]int
	// answered are the calls the shop answered, oldest first (the tour
	// checks them).
	answered []pane.AnsweredCall
	// failing is what the picker's e set: service → answers 500. Only
	// services toggled are applied to the shop, before the next call.
	failing map[string]bool
	// childSpans is what the picker's c set: SERVER spans as children of
	// the caller's span; runningChild is what the running shop does.
	childSpans, runningChild bool
}

// ShopLog is where the desk writes what the shop did: the delivery log.
type ShopLog interface {
	Add(note string)
	AddTop(note string) // a call's request line and status stay in sight
}

// Ensure starts the shop unless it runs or is starting.
func (d *Shop) Ensure() tea.Cmd {
	if d.Running != nil || d.Starting {
		return nil
	}
	return d.start(nil)
}

// start starts the shop reporting where the session reports now, stopping
// old (the running shop, if any) first; when the session cannot say where,
// the error is said and the queued call dropped.
func (d *Shop) start(old *shop.Shop) tea.Cmd {
	rep, err := d.Session.ShopReporting()
	if err != nil {
		d.SayError(err.Error())
		d.queued = nil
		return nil
	}
	d.Running, d.Starting, d.ReportingTo = nil, true, ReportingKey(rep)
	return startShop(rep, d.childSpans, old)
}

// ReportingKey tells one reporting target from another.
func ReportingKey(rep shop.Reporting) string {
	var b strings.Builder
	b.WriteString(rep.URL)
	for name, vs := range rep.Header {
		b.WriteString("\n" + name + ": " + strings.Join(vs, ","))
	}
	if rep.Serializer != nil {
		b.WriteString("\n" + rep.Serializer.ContentType())
	}
	if rep.Gzip {
		b.WriteString("\ngzip")
	}
	return b.String()
}

// Update takes every result of the shop's commands (the root routes each
// ShopMsg here).
func (d *Shop) Update(msg ShopMsg) tea.Cmd {
	switch msg := msg.(type) {
	case ShopStartedMsg:
		return d.started(msg)
	case ShopCallDoneMsg:
		d.callDone(msg)
		return shopProblemsSoon()
	case ShopProblemsMsg:
		d.logProblems()
	case ServiceMapMsg, serviceMapTickMsg:
		return d.mapMsg(msg)
	}
	return nil
}

// started takes the shop a command started (or why it did not) and makes
// the calls that waited for it.
func (d *Shop) started(msg ShopStartedMsg) tea.Cmd {
	d.Starting = false
	queued := d.queued
	d.queued = nil
	if msg.err != nil {
		d.SayError("The demo shop did not start: " + msg.err.Error())
		return nil
	}
	d.Running, d.runningChild = msg.shop, msg.child
	var ports []string
	for _, s := range msg.shop.Services() {
		ports = append(ports, s.Route.Service+" "+strings.TrimPrefix(strings.TrimSuffix(s.URL, s.Route.Path), "http://"))
	}
	d.log.Add("demo shop started" + serverSpansNote(msg.child) + ": " + strings.Join(ports, " · "))
	d.Say("The demo shop runs: %d services on loopback. H on a running CLIENT span calls it.", len(ports))
	var cmds []tea.Cmd
	for _, c := range queued {
		cmds = append(cmds, d.call(c))
	}
	return tea.Batch(cmds...)
}

// logProblems logs what the services' reporters complained of (a POST
// refused or failed): their spans did not all arrive. The log masks the
// endpoint's secrets when it draws.
func (d *Shop) logProblems() {
	if d.Running == nil {
		return
	}
	lines, total := d.Running.ReportProblemsSince(d.problems)
	d.problems = total
	for _, l := range lines {
		d.log.Add("demo shop's reporter: " + component.Safe(l))
	}
	if len(lines) > 0 {
		d.SayError("The demo shop's services could not deliver all their spans: see the delivery log.")
	}
}

// Stop stops the services and flushes what they still hold.
func (d *Shop) Stop() {
	if d.Running != nil {
		d.Running.Stop()
	}
}

// NewShop is the shop before its first start: selected is the tree's
// selection, log the delivery log it writes to, slot the root's dialog.
func NewShop(c *component.Common, selected func() *tracing.Node, log ShopLog, slot func() component.Dialog) *Shop {
	return &Shop{Common: c, selected: selected, log: log, slot: slot}
}

// AnsweredCalls are the shop's calls answered so far.
func (d *Shop) AnsweredCalls() []pane.AnsweredCall { return d.answered }
