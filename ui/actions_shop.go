package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/shop"
)

// shopState is the demo shop as the playground sees it: not started, being
// started (calls wait in queued), or running.
type shopState struct {
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

// answeredCall is what the tour needs to know of one call.
type answeredCall struct {
	service string
	sampled bool // the request said X-B3-Sampled: 1 or X-B3-Flags: 1
}

var errNoServiceGraph = errors.New("this query API serves no service graph")

// shopActions are the keys of the demo shop: H calls it, M draws the map.
func shopActions(k *KeyMap) []action {
	return []action{
		{&k.Shop, needRunningClient, (*Model).pickShopRoute},
		{&k.ServiceMap, nil, (*Model).openServiceMap},
	}
}

// needRunningClient: H makes the call a running CLIENT span stands for.
func needRunningClient(m *Model) string {
	n := m.tree.Selected()
	switch {
	case m.policy.Locked != "":
		// Its services would listen on the host's machine and send where the
		// locked endpoint does, and nothing would stop them when the person leaves.
		return "the demo shop is not available here (" + m.policy.Locked + ")"
	case n == nil:
		return "{Shop} calls the demo shop from a CLIENT span: press {Kind} until CLIENT, then {NewTrace}, then {Shop}"
	case n.Kind != model.Client:
		return fmt.Sprintf("%q is not a CLIENT span: H makes the call a CLIENT span stands for (K picks CLIENT for the next span)", n.Name)
	case n.Finished:
		return fmt.Sprintf("%q is finished: a call must happen while its CLIENT span runs", n.Name)
	}
	return ""
}

// shopRoutes are the running shop's routes, or the ones it will have.
func (m *Model) shopRoutes() []shop.Route {
	if m.shop.running != nil {
		return m.shop.running.Routes()
	}
	var out []shop.Route
	for _, s := range shop.DefaultSpecs() {
		out = append(out, shop.Route{Service: s.Name, Method: s.Method, Path: s.Path})
	}
	return out
}

func (m *Model) pickShopRoute() tea.Cmd {
	n := m.tree.Selected()
	notes := shopCallNotes(n, m.session.Config().B3, m.shop.running == nil)
	if m.shop.called[n] > 0 {
		notes = append(notes, "This span already made a call: another one carries the same span ID (a real client starts a new CLIENT span per request).")
	}
	p := &routePicker{paneBase: paneBase{common: m.common}, routes: m.shopRoutes(), notes: notes, fails: m.shopFails, toggle: m.toggleShopFail,
		serverSpans: m.serverSpansLine, toggleChild: m.toggleChildSpans}
	p.accept = func(r shop.Route) tea.Cmd {
		if m.shop.called == nil {
			m.shop.called = map[*tracing.Node]int{}
		}
		m.shop.called[n]++
		return m.requestShop(shopCall{node: n, sc: n.Context, route: r, format: m.session.Config().B3, failing: m.shopFailing()})
	}
	m.openDialog(p, modeDialog)
	return nil
}

// shopCallNotes say what the request will carry and what follows from it.
func shopCallNotes(n *tracing.Node, f b3.Format, starting bool) []string {
	format := "B3 " + f.String() + " headers ({B3} changes it)"
	if f == b3.GRPC {
		format = "B3 multi headers: the B3 view shows gRPC metadata, and an HTTP request carries multi"
	}
	notes := []string{"The request carries " + format + " from zipkin-go's b3.InjectHTTP on this span's context."}
	switch {
	case n.Context.Debug:
		notes = append(notes, "Debug trace: X-B3-Flags: 1 — every service reports its spans, whatever it samples.")
	case !n.Sampled():
		notes = append(notes, "Not sampled: X-B3-Sampled: 0 — the services will report nothing.")
	}
	if starting {
		notes = append(notes, "The shop is not running yet: {Accept} starts it on loopback ports first.")
	}
	return notes
}

// requestShop calls now, or once the shop has started.
func (m *Model) requestShop(c shopCall) tea.Cmd {
	if m.shop.running != nil && m.shop.runningChild == m.shop.childSpans {
		return m.callShopCmd(c)
	}
	m.shop.queued = append(m.shop.queued, c)
	if m.shop.running != nil {
		return m.restartShop()
	}
	m.setStatus("Starting the demo shop…")
	return m.ensureShop()
}

// ensureShop starts the shop unless it runs or is starting.
func (m *Model) ensureShop() tea.Cmd {
	if m.shop.running != nil || m.shop.starting {
		return nil
	}
	rep, err := m.session.ShopReporting()
	if err != nil {
		m.setError(err)
		m.shop.queued = nil
		return nil
	}
	m.shop.starting, m.shop.reportingTo = true, reportingKey(rep)
	return startShop(rep, m.shop.childSpans, nil)
}

// callShopCmd makes the call, moving the services to the session's
// endpoint first when it changed.
func (m *Model) callShopCmd(c shopCall) tea.Cmd {
	var move *shop.Reporting
	if rep, err := m.session.ShopReporting(); err == nil && reportingKey(rep) != m.shop.reportingTo {
		move, m.shop.reportingTo = &rep, reportingKey(rep)
	}
	m.setStatus("Calling %s %s (%s)…", c.route.Method, c.route.Path, c.route.Service)
	return callShop(m.shop.running, c, move)
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

// handleShopMsg takes every result of the shop's commands.
func (m *Model) handleShopMsg(msg shopMsg) tea.Cmd {
	switch msg := msg.(type) {
	case shopStartedMsg:
		return m.shopStarted(msg)
	case shopCallDoneMsg:
		m.shopCallDone(msg)
		return shopProblemsSoon()
	case shopProblemsMsg:
		m.logShopProblems()
	case serviceMapMsg, serviceMapTickMsg:
		return m.serviceMapMsg(msg)
	}
	return nil
}

func (m *Model) shopStarted(msg shopStartedMsg) tea.Cmd {
	m.shop.starting = false
	queued := m.shop.queued
	m.shop.queued = nil
	if msg.err != nil {
		m.setErrorText("The demo shop did not start: " + msg.err.Error())
		return nil
	}
	m.shop.running, m.shop.runningChild = msg.shop, msg.child
	var ports []string
	for _, s := range msg.shop.Services() {
		ports = append(ports, s.Route.Service+" "+strings.TrimPrefix(strings.TrimSuffix(s.URL, s.Route.Path), "http://"))
	}
	m.log.Add("demo shop started" + serverSpansNote(msg.child) + ": " + strings.Join(ports, " · "))
	m.setStatus("The demo shop runs: %d services on loopback. H on a running CLIENT span calls it.", len(ports))
	var cmds []tea.Cmd
	for _, c := range queued {
		cmds = append(cmds, m.callShopCmd(c))
	}
	return tea.Batch(cmds...)
}

// shopCallDone logs the call and tags the span as zipkin-go's client would.
func (m *Model) shopCallDone(msg shopCallDoneMsg) {
	c, r := msg.call, msg.result
	m.log.AddTop(shopLogEntry(c, r))
	if r.Status != 0 {
		sampled := c.sc.Debug || (c.sc.Sampled != nil && *c.sc.Sampled)
		m.shop.answered = append(m.shop.answered, answeredCall{service: c.route.Service, sampled: sampled})
	}
	tagged := m.tagShopCall(c, r)
	switch {
	case r.Err != nil:
		m.setErrorText(fmt.Sprintf("%s %s: %v", c.route.Method, c.route.Path, r.Err))
	case !c.sc.Debug && c.sc.Sampled != nil && !*c.sc.Sampled:
		m.setStatus("%s answered %d. X-B3-Sampled: 0 went along: the services report nothing.", c.route.Service, r.Status)
	case r.Status >= 500:
		m.setErrorText(fmt.Sprintf("%s answered %d: the span got error=%d; its services' spans arrive in Received.", c.route.Service, r.Status, r.Status))
	default:
		m.setStatus("%s answered %d in %s; %s the services' spans arrive in Received, {ServiceMap} draws the map.", c.route.Service, r.Status, shortDur(r.Took), tagged)
	}
}

// tagShopCall puts zipkin-go's client tags on the span, if it still runs.
func (m *Model) tagShopCall(c shopCall, r shop.CallResult) string {
	n := c.node
	if m.session.Tree().Index(n) < 0 || n.Finished {
		return "the span finished before the answer, so it has no HTTP tags;"
	}
	for _, t := range shop.ClientTags(c.route.Method, c.route.Path, r.Status, r.ContentLength, r.Err) {
		_ = m.session.Tag(n, t.Key, t.Value)
	}
	return "the span has its HTTP tags (" + keyName(m.keys.Finish) + " finishes it);"
}

// shopLogEntry is the request line, the headers as the service received
// them, the status and the time.
func shopLogEntry(c shopCall, r shop.CallResult) string {
	status := "no answer"
	if r.Status != 0 {
		status = fmt.Sprintf("HTTP %d %s", r.Status, http.StatusText(r.Status))
	}
	lines := []string{fmt.Sprintf("H  %s  → %s  %s", r.RequestLine, status, shortDur(r.Took))}
	if r.Err != nil {
		lines = append(lines, "   "+safe(r.Err.Error()))
	}
	if r.Answer.Service != "" {
		lines = append(lines, "   "+safe(r.Answer.Service)+" received:")
		for _, h := range r.Answer.Received {
			lines = append(lines, "     "+safe(h.Name)+": "+safe(h.Value))
		}
	}
	if c.format == b3.GRPC {
		lines = append(lines, "   (the B3 view is gRPC; the HTTP request carried multi headers)")
	}
	return strings.Join(lines, "\n")
}

// logShopProblems logs what the services' reporters complained of (a POST
// refused or failed): their spans did not all arrive. The log masks the
// endpoint's secrets when it draws.
func (m *Model) logShopProblems() {
	if m.shop.running == nil {
		return
	}
	lines, total := m.shop.running.ReportProblemsSince(m.shop.problems)
	m.shop.problems = total
	for _, l := range lines {
		m.log.Add("demo shop's reporter: " + safe(l))
	}
	if len(lines) > 0 {
		m.setErrorText("The demo shop's services could not deliver all their spans: see the delivery log.")
	}
}

// stopShop stops the services and flushes what they still hold.
func (m *Model) stopShop() {
	if m.shop.running != nil {
		m.shop.running.Stop()
	}
}
