package desk

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/shop"
)

var errNoServiceGraph = errors.New("this query API serves no service graph")

// WhyNoCall: H makes the call a running CLIENT span stands for.
func (d *Shop) WhyNoCall() string {
	n := d.selected()
	switch {
	case d.Policy.Locked != "":
		// Its services would listen on the host's machine and send where the
		// locked endpoint does, and nothing would stop them when the person leaves.
		return "the demo shop is not available here (" + d.Policy.Locked + ")"
	case n == nil:
		return "{Shop} calls the demo shop from a CLIENT span: press {Kind} until CLIENT, then {NewTrace}, then {Shop}"
	case n.Kind != model.Client:
		return fmt.Sprintf("%q is not a CLIENT span: H makes the call a CLIENT span stands for (K picks CLIENT for the next span)", n.Name)
	case n.Finished:
		return fmt.Sprintf("%q is finished: a call must happen while its CLIENT span runs", n.Name)
	}
	return ""
}

// routes are the running shop's routes, or the ones it will have.
func (d *Shop) routes() []shop.Route {
	if d.Running != nil {
		return d.Running.Routes()
	}
	var out []shop.Route
	for _, s := range shop.DefaultSpecs() {
		out = append(out, shop.Route{Service: s.Name, Method: s.Method, Path: s.Path})
	}
	return out
}

// PickRoute opens the route picker for the selected CLIENT span (H);
// enter calls the route chosen with the span's B3 headers.
func (d *Shop) PickRoute() tea.Cmd {
	n := d.selected()
	notes := shopCallNotes(n, d.Session.Config().B3, d.Running == nil)
	if d.called[n] > 0 {
		notes = append(notes, "This span already made a call: another one carries the same span ID (a real client starts a new CLIENT span per request).")
	}
	p := &dialog.RoutePicker{PaneBase: component.PaneBase{Common: d.Common}, Routes: d.routes(), Notes: notes, Fails: d.fails, Toggle: d.toggleFail,
		ServerSpans: d.serverSpansLine, ToggleChild: d.toggleChild}
	p.Accept = func(r shop.Route) tea.Cmd {
		if d.called == nil {
			d.called = map[*tracing.Node]int{}
		}
		d.called[n]++
		return d.request(shopCall{node: n, sc: n.Context, route: r, format: d.Session.Config().B3, failing: d.failingNow()})
	}
	d.Open(p)
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

// request calls now, or once the shop has started.
func (d *Shop) request(c shopCall) tea.Cmd {
	if d.Running != nil && d.runningChild == d.childSpans {
		return d.call(c)
	}
	d.queued = append(d.queued, c)
	if d.Running != nil {
		return d.restart()
	}
	d.Say("Starting the demo shop…")
	return d.Ensure()
}

// call makes the call, moving the services to the session's
// endpoint first when it changed.
func (d *Shop) call(c shopCall) tea.Cmd {
	var move *shop.Reporting
	if rep, err := d.Session.ShopReporting(); err == nil && ReportingKey(rep) != d.ReportingTo {
		move, d.ReportingTo = &rep, ReportingKey(rep)
	}
	d.Say("Calling %s %s (%s)…", c.route.Method, c.route.Path, c.route.Service)
	return callShop(d.Running, c, move)
}

// callDone logs the call and tags the span as zipkin-go's client would.
func (d *Shop) callDone(msg ShopCallDoneMsg) {
	c, r := msg.call, msg.Result
	d.log.AddTop(shopLogEntry(c, r))
	if r.Status != 0 {
		sampled := c.sc.Debug || (c.sc.Sampled != nil && *c.sc.Sampled)
		d.answered = append(d.answered, pane.AnsweredCall{Service: c.route.Service, Sampled: sampled})
	}
	tagged := d.tag(c, r)
	switch {
	case r.Err != nil:
		d.SayError(fmt.Sprintf("%s %s: %v", c.route.Method, c.route.Path, r.Err))
	case !c.sc.Debug && c.sc.Sampled != nil && !*c.sc.Sampled:
		d.Say("%s answered %d. X-B3-Sampled: 0 went along: the services report nothing.", c.route.Service, r.Status)
	case r.Status >= 500:
		d.SayError(fmt.Sprintf("%s answered %d: the span got error=%d; its services' spans arrive in Received.", c.route.Service, r.Status, r.Status))
	default:
		d.Say("%s answered %d in %s; %s the services' spans arrive in Received, {ServiceMap} draws the map.", c.route.Service, r.Status, component.ShortDur(r.Took), tagged)
	}
}

// tag puts zipkin-go's client tags on the span, if it still runs.
func (d *Shop) tag(c shopCall, r shop.CallResult) string {
	n := c.node
	if d.Session.Tree().Index(n) < 0 || n.Finished {
		return "the span finished before the answer, so it has no HTTP tags;"
	}
	for _, t := range shop.ClientTags(c.route.Method, c.route.Path, r.Status, r.ContentLength, r.Err) {
		_ = d.Session.Tag(n, t.Key, t.Value)
	}
	return "the span has its HTTP tags (" + component.KeyName(d.Keys.Finish) + " finishes it);"
}

// shopLogEntry is the request line, the headers as the service received
// them, the status and the time.
func shopLogEntry(c shopCall, r shop.CallResult) string {
	status := "no answer"
	if r.Status != 0 {
		status = fmt.Sprintf("HTTP %d %s", r.Status, http.StatusText(r.Status))
	}
	lines := []string{fmt.Sprintf("H  %s  → %s  %s", r.RequestLine, status, component.ShortDur(r.Took))}
	if r.Err != nil {
		lines = append(lines, "   "+component.Safe(r.Err.Error()))
	}
	if r.Answer.Service != "" {
		lines = append(lines, "   "+component.Safe(r.Answer.Service)+" received:")
		for _, h := range r.Answer.Received {
			lines = append(lines, "     "+component.Safe(h.Name)+": "+component.Safe(h.Value))
		}
	}
	if c.format == b3.GRPC {
		lines = append(lines, "   (the B3 view is gRPC; the HTTP request carried multi headers)")
	}
	return strings.Join(lines, "\n")
}
