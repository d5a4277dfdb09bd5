package pane

import (
	"reflect"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/receiver"
)

// TestParents: where each received span hangs, so that every span has a
// row and a shared SERVER span without its CLIENT is a root.
func TestParents(t *testing.T) {
	t.Parallel()
	id := func(n uint64) *model.ID { i := model.ID(n); return &i }
	span := func(sid uint64, parent *model.ID, kind model.Kind, shared bool) model.SpanModel {
		return model.SpanModel{SpanContext: model.SpanContext{ID: model.ID(sid), ParentID: parent}, Kind: kind, Shared: shared}
	}
	for _, tc := range []struct {
		name  string
		spans []model.SpanModel
		want  []int
	}{
		{"root and child", []model.SpanModel{span(1, nil, "", false), span(2, id(1), "", false)}, []int{-1, 0}},
		{"parent not received", []model.SpanModel{span(2, id(1), "", false)}, []int{-1}},
		{"shared SERVER under its CLIENT", []model.SpanModel{span(1, nil, "", false), span(2, id(1), model.Client, false), span(2, id(1), model.Server, true)}, []int{-1, 0, 1}},
		{"a child of the shared ID under the SERVER half", []model.SpanModel{span(2, nil, model.Client, false), span(2, nil, model.Server, true), span(3, id(2), "", false)}, []int{-1, 0, 1}},
		{"shared SERVER without its CLIENT, parent here", []model.SpanModel{span(1, nil, "", false), span(2, id(1), model.Server, true)}, []int{-1, 0}},
		{"shared SERVER without its CLIENT nor parent (envoy)", []model.SpanModel{span(2, id(1), model.Server, true)}, []int{-1}},
		{"its own parent", []model.SpanModel{span(1, id(1), "", false)}, []int{-1}},
		{"a cycle", []model.SpanModel{span(1, id(2), "", false), span(2, id(1), "", false)}, []int{1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parents(tc.spans); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parents: got %v, want %v", got, tc.want)
			}
			rows := appendTraceRows(nil, 0, tc.spans)
			if len(rows) != len(tc.spans) {
				t.Errorf("%d rows for %d spans: %+v", len(rows), len(tc.spans), rows)
			}
		})
	}
}

// TestFlattenReceived: newest trace first, a title row per trace, children
// by start time under their parent.
func TestFlattenReceived(t *testing.T) {
	t.Parallel()
	at := func(ms int) time.Time { return time.UnixMilli(1_700_000_000_000 + int64(ms)) }
	root := model.ID(1)
	mk := func(trace uint64, sid uint64, parent *model.ID, start int) model.SpanModel {
		return model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: trace}, ID: model.ID(sid), ParentID: parent}, Timestamp: at(start), Duration: time.Millisecond}
	}
	traces := []receiver.ReceivedTrace{
		{TraceID: model.TraceID{Low: 1}, Spans: []model.SpanModel{mk(1, 1, nil, 0), mk(1, 3, &root, 5), mk(1, 2, &root, 2)}},
		{TraceID: model.TraceID{Low: 2}, Spans: []model.SpanModel{mk(2, 1, nil, 0)}},
	}
	_, rows := flattenReceived(traces)
	want := []recvRow{{1, -1, 0}, {1, 0, 0}, {0, -1, 0}, {0, 0, 0}, {0, 2, 1}, {0, 1, 1}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows: got %v, want %v", rows, want)
	}
}
