package ui

import (
	"strings"
	"testing"
)

// TestReceivedFocusedAt80HasTheRoom: at 80×24 the focused Received pane
// is wide enough for a span's name (lower-cased, as Zipkin stores it),
// service and duration on one row: the tree beside it gives up the width
// while it is not focused.
func TestReceivedFocusedAt80HasTheRoom(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	postSpans(t, m, `[{"traceId":"00000000000000c1","id":"00000000000000c1","name":"GET /orders/{id}","timestamp":1700000000000000,"duration":5000,"localEndpoint":{"serviceName":"orders-api"}},
 {"traceId":"00000000000000c1","parentId":"00000000000000c1","id":"00000000000000c2","name":"SELECT orders","timestamp":1700000000001000,"duration":3000,"localEndpoint":{"serviceName":"orders-db"}}]`)
	m, _ = press(t, m, "tab")
	if !m.received.Focused() {
		t.Fatal("tab did not focus the Received pane")
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, "select orders") && strings.Contains(l, "orders-db") && strings.Contains(l, "3.0ms") {
			return
		}
	}
	t.Errorf("no row shows the child span's name, service and duration:\n%s", m.View())
}

// TestReceivedEmptyIsWrapped: at 80×24 the empty Received pane says all
// of what to do (its sentence wraps in the column; it was cut after "flush").
func TestReceivedEmptyIsWrapped(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "tab")
	if view := m.View(); !strings.Contains(view, "flush (F):") || !strings.Contains(view, "here.") {
		t.Errorf("the empty Received pane is cut:\n%s", m.View())
	}
}

// TestReceivedOfNobodySaysWhy: filtered to a service with no trace while
// others' traces arrived, the pane does not claim that nothing arrived.
func TestReceivedOfNobodySaysWhy(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	postSpans(t, m, `[{"traceId":"00000000000000d1","id":"00000000000000d1","name":"checkout","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"frontend"}}]`)
	m, _ = press(t, m, "tab")
	m.ShowReceivedOf("dan")
	view := strings.Join(strings.Fields(m.received.View()), " ")
	if strings.Contains(view, "Nothing arrived yet") || !strings.Contains(view, "No trace with a span of service dan has arrived.") {
		t.Errorf("dan's traces, none among those received:\n%s", m.received.View())
	}
}
