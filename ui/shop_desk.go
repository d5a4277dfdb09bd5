package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/shop"
)

// shopDesk is the demo shop as the playground sees it (not started, being
// started with calls waiting in queued, or running), with what H, M and the
// shop's messages do to it. It draws nothing: it opens the route picker and
// the service map in the dialog slot and asks the root for the status line.
type shopDesk struct {
	*common
	selected func() *tracing.Node // the tree's span: H calls for it
	log      shopLog
	slot     func() dialog // what the dialog slot shows: the map reads again while it is there

	running  *shop.Shop
	starting bool
	queued   []shopCall
	// reportingTo is where the services report; when the session's
	// endpoint moves, the next call moves them first.
	reportingTo string
	mapGen      int // the open service map's generation; stale ticks are dropped
	problems    int // reporter complaints already logged
	// called counts the calls each span made: a second one reuses its ID.
	called map[*tracing.Node]int
	// answered are the calls the shop answered, oldest first (the tour
	// checks them).
	answered []answeredCall
	// failing is what the picker's e set: service → answers 500. Only
	// services toggled are applied to the shop, before the next call.
	failing map[string]bool
	// childSpans is what the picker's c set: SERVER spans as children of
	// the caller's span; runningChild is what the running shop does.
	childSpans, runningChild bool
}

// shopLog is where the desk writes what the shop did: the delivery log.
type shopLog interface {
	Add(note string)
	AddTop(note string) // a call's request line and status stay in sight
}

// newShopDesk is the shop before its first start.
func newShopDesk(c *common, selected func() *tracing.Node, log shopLog, slot func() dialog) *shopDesk {
	return &shopDesk{common: c, selected: selected, log: log, slot: slot}
}

// shopOf is the demo shop, for the actions it does.
func shopOf(m *Model) *shopDesk { return m.shop }

// ensure starts the shop unless it runs or is starting.
func (d *shopDesk) ensure() tea.Cmd {
	if d.running != nil || d.starting {
		return nil
	}
	rep, err := d.session.ShopReporting()
	if err != nil {
		d.sayError(err.Error())
		d.queued = nil
		return nil
	}
	d.starting, d.reportingTo = true, reportingKey(rep)
	return startShop(rep, d.childSpans, nil)
}

// reportingKey tells one reporting target from another.
func reportingKey(rep shop.Reporting) string {
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
// shopMsg here).
func (d *shopDesk) Update(msg shopMsg) tea.Cmd {
	switch msg := msg.(type) {
	case shopStartedMsg:
		return d.started(msg)
	case shopCallDoneMsg:
		d.callDone(msg)
		return shopProblemsSoon()
	case shopProblemsMsg:
		d.logProblems()
	case serviceMapMsg, serviceMapTickMsg:
		return d.mapMsg(msg)
	}
	return nil
}

// started takes the shop a command started (or why it did not) and makes
// the calls that waited for it.
func (d *shopDesk) started(msg shopStartedMsg) tea.Cmd {
	d.starting = false
	queued := d.queued
	d.queued = nil
	if msg.err != nil {
		d.sayError("The demo shop did not start: " + msg.err.Error())
		return nil
	}
	d.running, d.runningChild = msg.shop, msg.child
	var ports []string
	for _, s := range msg.shop.Services() {
		ports = append(ports, s.Route.Service+" "+strings.TrimPrefix(strings.TrimSuffix(s.URL, s.Route.Path), "http://"))
	}
	d.log.Add("demo shop started" + serverSpansNote(msg.child) + ": " + strings.Join(ports, " · "))
	d.say("The demo shop runs: %d services on loopback. H on a running CLIENT span calls it.", len(ports))
	var cmds []tea.Cmd
	for _, c := range queued {
		cmds = append(cmds, d.call(c))
	}
	return tea.Batch(cmds...)
}

// logProblems logs what the services' reporters complained of (a POST
// refused or failed): their spans did not all arrive. The log masks the
// endpoint's secrets when it draws.
func (d *shopDesk) logProblems() {
	if d.running == nil {
		return
	}
	lines, total := d.running.ReportProblemsSince(d.problems)
	d.problems = total
	for _, l := range lines {
		d.log.Add("demo shop's reporter: " + safe(l))
	}
	if len(lines) > 0 {
		d.sayError("The demo shop's services could not deliver all their spans: see the delivery log.")
	}
}

// stop stops the services and flushes what they still hold.
func (d *shopDesk) stop() {
	if d.running != nil {
		d.running.Stop()
	}
}
