package ui

import (
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// selectReceived puts the Received pane's cursor on the first span match
// accepts and gives it focus.
func selectReceived(t *testing.T, m *Model, accept func(model.SpanModel) bool) {
	t.Helper()
	m.received.refresh()
	for i, r := range m.received.rows {
		if r.span >= 0 && accept(m.received.traces[r.trace].Spans[r.span]) {
			m.received.cursor = i
			m.screen.focus(m.received)
			return
		}
	}
	t.Fatal("no such span received")
}

func itemOf(e explanation, label string) (explainItem, bool) {
	for _, it := range e.items {
		if it.label == label {
			return it, true
		}
	}
	return explainItem{}, false
}

func TestIExplainsAShopSpanSharedWithTheCallersSpan(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	m, _ = press(t, m, "f")
	m = settle(t, m, startFlush(t.Context(), m.session.Outbox(), 0, m.session.Endpoint()))
	m.shop.stop()
	of := func(service string, kind model.Kind) func(model.SpanModel) bool {
		return func(s model.SpanModel) bool { return s.LocalEndpoint.ServiceName == service && s.Kind == kind }
	}

	selectReceived(t, m, of("gateway", model.Server))
	e := m.explainTarget()
	shared, ok := itemOf(e, "shared")
	if !ok || !strings.Contains(shared.value, "playground's CLIENT") || !strings.Contains(shared.means, "shared spans on") {
		t.Errorf("gateway's SERVER span: want it explained as sharing playground's CLIENT span, have %+v", e.items)
	}
	if svc, _ := itemOf(e, "service"); svc.value != "gateway" {
		t.Errorf("want the service named, have %+v", svc)
	}

	selectReceived(t, m, of("checkout", model.Client))
	if call, ok := itemOf(m.explainTarget(), "call"); !ok || !strings.Contains(call.value, "inventory") && !strings.Contains(call.value, "payments") {
		t.Errorf("checkout's CLIENT span: want the call it made, have %+v", call)
	}

	selectReceived(t, m, of("playground", model.Client))
	if e := m.explainTarget(); strings.Contains(e.title, "demo shop") {
		t.Error("the playground's own span is not from the shop")
	}
	m, _ = press(t, m, "i")
	if _, ok := m.dialog.(*explainDialog); !ok {
		t.Errorf("i should open the explanation, dialog is %T", m.dialog)
	}
}
