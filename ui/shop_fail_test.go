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
	m.stopShop()
	errs := map[string]string{}
	for _, s := range m.session.Receiver().Trace(tid) {
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
	if !strings.Contains(m.status, "H calls the demo shop") || !strings.Contains(m.helpLine(), "H call the demo shop") {
		t.Errorf("a new CLIENT span should offer H: status %q, help %q", m.status, m.helpLine())
	}
	m, _ = press(t, m, "f")
	if strings.Contains(m.helpLine(), "demo shop") {
		t.Errorf("a finished span cannot call: help %q", m.helpLine())
	}
	plain := newModel(t, 80, 24)
	plain, _ = press(t, plain, "n", "enter")
	if strings.Contains(plain.status+plain.helpLine(), "demo shop") {
		t.Errorf("a span of no kind does not offer H: status %q, help %q", plain.status, plain.helpLine())
	}
}
