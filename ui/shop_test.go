package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/desk"
	"zipkin-playground/ui/dialog"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/shop"
	"zipkin-playground/ui/component"
)

// runShop runs cmd and feeds back the shop's results (not the map's
// ticks), returning the last call's result.
func runShop(t *testing.T, m *Model, cmd tea.Cmd) (*Model, *shop.CallResult) {
	t.Helper()
	var last *shop.CallResult
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if waitsOnly(c) {
			continue // a wait that would block (receiver, clock, the problems tick)
		}
		switch msg := finish(t, c).(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case desk.ShopStartedMsg, desk.ShopCallDoneMsg, desk.ServiceMapMsg:
			if d, ok := msg.(desk.ShopCallDoneMsg); ok {
				last = &d.Result
			}
			next, c := m.Update(msg)
			m = next.(*Model)
			if _, isMap := msg.(desk.ServiceMapMsg); !isMap {
				queue = append(queue, c)
			}
		}
	}
	return m, last
}

// clientModel is a model with a running CLIENT span selected; the shop is
// stopped when the test ends.
func clientModel(t *testing.T, mutate ...func(*tracing.Config)) *Model {
	t.Helper()
	m := newModel(t, 120, 40, mutate...)
	t.Cleanup(m.shop.Stop)
	m, _ = press(t, m, "K", "n", "enter")
	if n := m.tree.Selected(); n == nil || n.Kind != model.Client {
		t.Fatal("no CLIENT span selected")
	}
	return m
}

// callGateway presses H and enter (gateway is the first route).
func callGateway(t *testing.T, m *Model) (*Model, *shop.CallResult) {
	t.Helper()
	m, _ = press(t, m, "H")
	if _, ok := m.dialog.(*dialog.RoutePicker); !ok {
		t.Fatalf("H opened no route picker: %s", m.status)
	}
	m, cmd := press(t, m, "enter")
	m, res := runShop(t, m, cmd)
	if res == nil {
		t.Fatalf("no call was made: %s", m.status)
	}
	return m, res
}

func TestHWantsARunningClientSpan(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	for _, step := range []struct {
		keys []string
		want string
	}{
		{nil, "press K until CLIENT"},
		{[]string{"n", "enter"}, "is not a CLIENT span"},
		{[]string{"K", "n", "enter", "f"}, "is finished"},
	} {
		m, _ = press(t, m, step.keys...)
		m, _ = press(t, m, "H")
		if m.dialog != nil || !strings.Contains(m.status, step.want) {
			t.Errorf("after %v, H: want %q, have %q (dialog %T)", step.keys, step.want, m.status, m.dialog)
		}
	}
}

func TestHSendsTheB3PanesHeadersAndTheServiceReceivesThem(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	for _, f := range []b3.Format{b3.Multi, b3.Single, b3.Both} {
		if err := m.common.Session.Reconfigure(func(c *tracing.Config) { c.B3 = f }); err != nil {
			t.Fatal(err)
		}
		var res *shop.CallResult
		m, res = callGateway(t, m)
		pane, err := b3.Headers(m.tree.Selected().Context, f)
		if err != nil {
			t.Fatal(err)
		}
		if want, have := headerText(pane), receivedText(res.Answer.Received); !strings.EqualFold(want, have) {
			t.Errorf("%v: the B3 pane shows\n%s\nthe gateway received\n%s", f, want, have)
		}
		for _, h := range res.Answer.Received {
			if !strings.Contains(strings.Join(m.log.Lines(-1), "\n"), h.Name+": "+h.Value) {
				t.Errorf("%v: the log does not show %s as received", f, h.Name)
			}
		}
	}
	n := m.tree.Selected()
	if n.Tags["http.method"] != "GET" || n.Tags["http.path"] != "/order" {
		t.Errorf("the CLIENT span should have zipkin-go's client tags, has %v", n.Tags)
	}
}

func headerText(hs []b3.HeaderLine) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Name + ": " + h.Value + "\n")
	}
	return b.String()
}

func receivedText(hs []shop.HeaderLine) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Name + ": " + h.Value + "\n")
	}
	return b.String()
}

func TestTheGRPCViewCallsWithMultiHeadersAndSaysSo(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	if err := m.common.Session.Reconfigure(func(c *tracing.Config) { c.B3 = b3.GRPC }); err != nil {
		t.Fatal(err)
	}
	m, _ = press(t, m, "H")
	if notes := pickerNotes(m); !strings.Contains(notes, "an HTTP request carries multi") {
		t.Errorf("the picker should say the gRPC view calls with multi headers: %s", notes)
	}
	m, cmd := press(t, m, "enter")
	m, res := runShop(t, m, cmd)
	if res == nil || headerValue(res.Answer.Received, "X-B3-Traceid") == "" || headerValue(res.Answer.Received, "B3") != "" {
		t.Errorf("want multi headers received, have %+v", res)
	}
	if log := strings.Join(m.log.Lines(-1), "\n"); !strings.Contains(log, "the HTTP request carried multi headers") {
		t.Errorf("the log should say the gRPC view called with multi headers:\n%s", log)
	}
}

// pickerNotes are the open route picker's notes, as drawn (unwrapped).
func pickerNotes(m *Model) string {
	p, ok := m.dialog.(*dialog.RoutePicker)
	if !ok {
		return "no route picker open"
	}
	return strings.Join(p.Notes, " ")
}

func headerValue(hs []shop.HeaderLine, name string) string {
	for _, h := range hs {
		if h.Name == name {
			return h.Value
		}
	}
	return ""
}

func TestHUnderSamplerNeverSaysTheServicesReportNothing(t *testing.T) {
	t.Parallel()
	m := clientModel(t, func(c *tracing.Config) { c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerNever} })
	m, _ = press(t, m, "H")
	if notes := pickerNotes(m); !strings.Contains(notes, "X-B3-Sampled: 0 — the services will report nothing") {
		t.Errorf("the picker should say nothing will be reported: %s", notes)
	}
	m, cmd := press(t, m, "enter")
	m, res := runShop(t, m, cmd)
	if res == nil || headerValue(res.Answer.Received, "X-B3-Sampled") != "0" {
		t.Fatalf("the gateway should receive X-B3-Sampled: 0, got %+v", res)
	}
	if !strings.Contains(m.status, "the services report nothing") {
		t.Errorf("status: %q", m.status)
	}
	m.shop.Stop() // flushes what the services hold
	if n := m.common.Session.Receiver().Stats().Spans; n != 0 {
		t.Errorf("sampler never: %d spans arrived", n)
	}
}

func TestHOnADebugTraceSaysEveryServiceReports(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerNever} })
	t.Cleanup(m.shop.Stop)
	m, _ = press(t, m, "K", "D", "enter", "H")
	if notes := pickerNotes(m); !strings.Contains(notes, "X-B3-Flags: 1 — every service reports") {
		t.Errorf("the picker should say the debug flag travels: %s", notes)
	}
	m, cmd := press(t, m, "enter")
	m, res := runShop(t, m, cmd)
	if res == nil || headerValue(res.Answer.Received, "X-B3-Flags") != "1" {
		t.Fatalf("the gateway should receive X-B3-Flags: 1, got %+v", res)
	}
	tid := m.tree.Selected().Context.TraceID
	m.shop.Stop()
	if n := len(m.common.Session.Receiver().Trace(tid)); n < 6 {
		t.Errorf("a debug trace under sampler never: want the services' 6 spans, have %d", n)
	}
}

func TestAFailingPaymentsMarksTheClientSpanAsZipkinGoWould(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m) // starts the shop
	if err := m.shop.Running.SetKnobs("payments", shop.Knobs{ErrorRate: 1}); err != nil {
		t.Fatal(err)
	}
	m, res := callGateway(t, m)
	n := m.tree.Selected()
	if res.Status != 502 || n.Tags["error"] != "502" || n.Tags["http.status_code"] != "502" {
		t.Errorf("want a 502 and error=502, http.status_code=502; have %d, tags %v", res.Status, n.Tags)
	}
	if !m.statusBad || !strings.Contains(m.status, "502") {
		t.Errorf("status should say 502 as an error: %q", m.status)
	}
}

func TestTheShopsSpansJoinThePlaygroundsTraceInTheReceiver(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	n := m.tree.Selected()
	m, _ = press(t, m, "f")
	m = settle(t, m, component.StartFlush(t.Context(), m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	m.shop.Stop()
	spans := m.common.Session.Receiver().Trace(n.Context.TraceID)
	services := map[string]bool{}
	for _, s := range spans {
		services[s.LocalEndpoint.ServiceName] = true
		if s.LocalEndpoint.ServiceName == "gateway" && s.Kind == model.Server && (s.ID != n.Context.ID || !s.Shared) {
			t.Errorf("gateway's SERVER span should share the CLIENT span's ID %s, has %s shared=%v", n.Context.ID, s.ID, s.Shared)
		}
	}
	if len(services) != 5 {
		t.Errorf("want playground and four services in one trace, have %v", services)
	}
}

func TestTheServicesReportingProblemsReachTheLogMasked(t *testing.T) {
	t.Parallel()
	// Nothing listens on port 1; the path segment before /api/ is a token.
	m := clientModel(t, func(c *tracing.Config) { c.Endpoint = "http://127.0.0.1:1/tok3n-s3cret/api/v2/spans" })
	m, _ = callGateway(t, m)
	m.shop.Stop() // the reporters try, fail and say so
	m.Update(desk.ShopProblemsMsg{})
	log := strings.Join(m.log.Lines(-1), "\n")
	if !strings.Contains(log, "demo shop's reporter") || !strings.Contains(log, "connection refused") {
		t.Errorf("the log should carry the reporters' failures:\n%s", log)
	}
	if strings.Contains(m.View(), "tok3n-s3cret") {
		t.Error("the endpoint's token is on screen")
	}
	if !m.statusBad {
		t.Errorf("status should say spans were not delivered: %q", m.status)
	}
}

func TestShopFlagStartsTheShopAtLaunchOnly(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Shop = true })
	t.Cleanup(m.shop.Stop)
	m, _ = runShop(t, m, m.Init())
	if m.shop.Running == nil || len(m.shop.Running.Services()) != 4 {
		t.Fatalf("--shop: the shop should run after Init, status %q", m.status)
	}
	if !strings.Contains(strings.Join(m.log.Lines(-1), "\n"), "demo shop started: gateway 127.0.0.1:") {
		t.Error("the log should list the services' ports")
	}
	plain := newModel(t, 120, 40)
	plain, _ = runShop(t, plain, plain.Init())
	if plain.shop.Running != nil || plain.shop.Starting {
		t.Error("without --shop nothing starts before H")
	}
}

func TestAWorkshopAttendeeCannotStartTheShop(t *testing.T) {
	t.Parallel()
	m := attendeeModel(t, attendeePolicy)
	m, _ = press(t, m, "K", "n", "enter", "H")
	if m.dialog != nil || m.shop.Starting || !strings.Contains(m.status, "not available here (set by the workshop)") {
		t.Errorf("H under the workshop's policy: dialog %T, status %q", m.dialog, m.status)
	}
}
