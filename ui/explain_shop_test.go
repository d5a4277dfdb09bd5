package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	"github.com/openzipkin/zipkin-go/model"
)

// selectReceived gives the Received pane focus and moves its cursor with
// the keys, from the top down, to the first span accept takes.
func selectReceived(t *testing.T, m *Model, accept func(model.SpanModel) bool) {
	t.Helper()
	m.Update(pane.ReceivedLayoutMsg{})
	m.screen.focus(m.received)
	m.received.Update(keyMsg("g"))
	for view := ""; view != m.received.View(); m.received.Update(keyMsg("j")) {
		view = m.received.View()
		if s, _, ok := m.received.CursorSpan(); ok && accept(s) {
			return
		}
	}
	t.Fatal("no such span received")
}

func itemOf(e component.Explanation, label string) (component.ExplainItem, bool) {
	for _, it := range e.Items {
		if it.Label == label {
			return it, true
		}
	}
	return component.ExplainItem{}, false
}

func TestIExplainsAShopSpanSharedWithTheCallersSpan(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	m, _ = press(t, m, "f")
	m = settle(t, m, component.StartFlush(t.Context(), m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	m.shop.Stop()
	of := func(service string, kind model.Kind) func(model.SpanModel) bool {
		return func(s model.SpanModel) bool { return s.LocalEndpoint.ServiceName == service && s.Kind == kind }
	}

	selectReceived(t, m, of("gateway", model.Server))
	e := m.explainTarget()
	shared, ok := itemOf(e, "shared")
	if !ok || !strings.Contains(shared.Value, "playground's CLIENT") || !strings.Contains(shared.Means, "shared spans on") {
		t.Errorf("gateway's SERVER span: want it explained as sharing playground's CLIENT span, have %+v", e.Items)
	}
	if svc, _ := itemOf(e, "service"); svc.Value != "gateway" {
		t.Errorf("want the service named, have %+v", svc)
	}

	selectReceived(t, m, of("checkout", model.Client))
	if call, ok := itemOf(m.explainTarget(), "call"); !ok || !strings.Contains(call.Value, "inventory") && !strings.Contains(call.Value, "payments") {
		t.Errorf("checkout's CLIENT span: want the call it made, have %+v", call)
	}

	selectReceived(t, m, of("playground", model.Client))
	if e := m.explainTarget(); strings.Contains(e.Title, "demo shop") {
		t.Error("the playground's own span is not from the shop")
	}
	m, _ = press(t, m, "i")
	if _, ok := m.dialog.(*component.ExplainDialog); !ok {
		t.Errorf("i should open the explanation, dialog is %T", m.dialog)
	}
}
