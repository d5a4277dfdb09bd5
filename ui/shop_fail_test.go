package ui

import (
	"strings"
	"testing"
)

func TestEInThePickerMakesPaymentsFailAndTheErrorTravels(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = press(t, m, "H", "j", "j", "j", "e")
	view := m.View()
	if !strings.Contains(view, "payments   ✗ fails: answers 500") {
		t.Fatalf("the picker should mark payments as failing:\n%s", view)
	}
	m, cmd := press(t, m, "k", "k", "k", "enter") // the gateway, with payments failing
	m, res := runShop(t, m, cmd)
	if res == nil || res.Status != 502 {
		t.Fatalf("payments fails: the gateway should answer 502, have %+v (%s)", res, m.status)
	}
	tid := m.tree.Selected().Context.TraceID
	m.shop.Stop()
	errs := map[string]string{}
	for _, s := range m.common.Session.Receiver().Trace(tid) {
		errs[s.LocalEndpoint.ServiceName+" "+string(s.Kind)] = s.Tags["error"]
	}
	if errs["payments SERVER"] != "500" || errs["gateway SERVER"] != "502" {
		t.Errorf("the error should travel up: payments 500, gateway 502; have %v", errs)
	}
}

func TestEAgainInThePickerHealsTheService(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = press(t, m, "H", "j", "j", "j", "e", "e")
	if strings.Contains(m.View(), "✗ fails") {
		t.Fatal("e twice: payments should not be marked as failing")
	}
	m, cmd := press(t, m, "k", "k", "k", "enter")
	if _, res := runShop(t, m, cmd); res == nil || res.Status != 200 {
		t.Errorf("healed: the gateway should answer 200, have %+v", res)
	}
}

func TestARunningClientSpanOffersH(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "K", "n", "enter")
	if !strings.Contains(m.status, "H calls the demo shop") || !strings.Contains(m.screen.helpLine(m.mode, m.dialog), "H call the demo shop") {
		t.Errorf("a new CLIENT span should offer H: status %q, help %q", m.status, m.screen.helpLine(m.mode, m.dialog))
	}
	m, _ = press(t, m, "f")
	if strings.Contains(m.screen.helpLine(m.mode, m.dialog), "demo shop") {
		t.Errorf("a finished span cannot call: help %q", m.screen.helpLine(m.mode, m.dialog))
	}
	plain := newModel(t, 80, 24)
	plain, _ = press(t, plain, "n", "enter")
	if strings.Contains(plain.status+plain.screen.helpLine(plain.mode, plain.dialog), "demo shop") {
		t.Errorf("a span of no kind does not offer H: status %q, help %q", plain.status, plain.screen.helpLine(plain.mode, plain.dialog))
	}
}

func TestCInThePickerRestartsTheShopWithChildServerSpans(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m) // shared spans, the default
	m, _ = press(t, m, "H", "c")
	if v := flat(m.View()); !strings.Contains(v, "child spans, IDs of their own") || !strings.Contains(v, ": shared · enter restarts the shop") {
		t.Fatalf("the picker should say the SERVER spans become children and the shop restarts:\n%s", v)
	}
	m, cmd := press(t, m, "enter")
	m, res := runShop(t, m, cmd)
	// That the shop now runs with child spans is what the gateway's SERVER
	// spans below show.
	if res == nil || res.Status != 200 {
		t.Fatalf("after c: want a 200 from the restarted shop, have %+v (%s)", res, m.status)
	}
	n := m.tree.Selected()
	m.shop.Stop()
	var shared, child int
	for _, s := range m.common.Session.Receiver().Trace(n.Context.TraceID) {
		switch {
		case s.LocalEndpoint.ServiceName != "gateway" || s.Kind != "SERVER":
		case s.Shared && s.ID == n.Context.ID:
			shared++ // the first call
		case !s.Shared && s.ID != n.Context.ID && s.ParentID != nil && *s.ParentID == n.Context.ID:
			child++ // the call after c
		default:
			t.Errorf("a gateway SERVER span neither shared nor a child of %s: id %s parent %v shared %v", n.Context.ID, s.ID, s.ParentID, s.Shared)
		}
	}
	if shared != 1 || child != 1 {
		t.Errorf("want the gateway's SERVER spans: 1 shared (before c), 1 child (after); have %d and %d", shared, child)
	}
	if !strings.Contains(strings.Join(m.log.Lines(-1), "\n"), "demo shop started (child SERVER spans)") {
		t.Error("the log should say the shop restarted with child SERVER spans")
	}
}

func TestTheCallsRequestLineStaysInSightAt80x24(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	t.Cleanup(m.shop.Stop)
	m, _ = press(t, m, "K", "n", "enter")
	m, _ = callGateway(t, m)
	v := m.View()
	if !strings.Contains(v, "H  GET http://127.0.0.1:") || !strings.Contains(v, "→ HTTP 200 OK") {
		t.Errorf("the log should show the request line and the status after H:\n%s", v)
	}
	if !strings.Contains(v, " below (G)") { // "1 line below", "3 lines below"
		t.Errorf("the headers under it should be announced as below:\n%s", v)
	}
}
