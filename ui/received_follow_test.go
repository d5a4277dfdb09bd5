package ui

import (
	"strings"
	"testing"
)

// TestReceivedCursorOnTheNewestFollowsArrivals: a cursor on the top row
// (the newest trace) stays on the top row, so a trace that arrives is in
// view and selected, as a presenter watching a room's traces expects.
func TestReceivedCursorOnTheNewestFollowsArrivals(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	postSpans(t, m, envoyLike)
	m, _ = press(t, m, "tab")
	if m.received.Cursor != 0 {
		t.Fatalf("the cursor starts on row %d", m.received.Cursor)
	}
	postSpans(t, m, `[{"traceId":"00000000000000e3","id":"0000000000000009","name":"newer","timestamp":1700000000000000,"duration":5}]`)
	got, _ := m.received.RowID(m.received.Cursor)
	if got.Trace.String() != "00000000000000e3" || m.received.Offset != 0 {
		t.Errorf("after an arrival the cursor is on %+v (offset %d), not the newest trace", got, m.received.Offset)
	}
}

// TestShowReceivedOfStartsAtTheNewest: switching the filter (one attendee's
// traces, then everyone's) shows the newest trace at the top, not the row
// that happened to be selected under the other filter.
func TestShowReceivedOfStartsAtTheNewest(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	postSpans(t, m, `[{"traceId":"00000000000000a1","id":"00000000000000a1","name":"ann's","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"ann"}}]`)
	postSpans(t, m, `[{"traceId":"00000000000000b1","id":"00000000000000b1","name":"bob's","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"bob"}}]`)
	m.ShowReceivedOf("ann")
	m.ShowReceivedOf("")
	got, _ := m.received.RowID(m.received.Cursor)
	if got.Trace.String() != "00000000000000b1" || m.received.Offset != 0 {
		t.Errorf("everyone's traces again: the cursor is on %+v (offset %d), not the newest", got, m.received.Offset)
	}
}

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
