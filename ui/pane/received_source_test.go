package pane

import (
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/verify"
)

// TestBackendTracesKeep: a trace read back again replaces its copy and keeps
// when it was first read back; a trace not found adds nothing; past the
// bound the oldest go.
func TestBackendTracesKeep(t *testing.T) {
	t.Parallel()
	span := func(trace uint64, name string) model.SpanModel {
		return model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: trace}, ID: model.ID(trace)}, Name: name}
	}
	report := func(traces ...[]model.SpanModel) verify.Report {
		rep := verify.Report{Kind: verify.QueryKindJaeger, Query: "http://jaeger:16686"}
		for i, spans := range traces {
			rep.Traces = append(rep.Traces, verify.TraceReport{ID: model.TraceID{Low: uint64(100 + i)}, Stored: spans})
		}
		return rep
	}
	var b backendTraces
	first, later := time.Unix(100, 0), time.Unix(200, 0)
	b.keep(report([]model.SpanModel{span(100, "a")}, nil), first)
	if len(b.traces) != 1 {
		t.Fatalf("a trace not found was kept: %d traces", len(b.traces))
	}
	b.keep(report([]model.SpanModel{span(100, "a"), span(100, "b")}), later)
	if len(b.traces) != 1 || len(b.traces[0].Spans) != 2 || !b.traces[0].First.Equal(first) {
		t.Fatalf("read again: %+v", b.traces)
	}
	if st := b.stats(); st.Spans != 2 || st.Traces != 1 || b.kind != verify.QueryKindJaeger {
		t.Errorf("stats %+v, kind %q", st, b.kind)
	}
	many := make([][]model.SpanModel, maxBackendTraces+5)
	for i := range many {
		many[i] = []model.SpanModel{span(uint64(100+i), "x")}
	}
	b.keep(report(many...), later)
	if len(b.traces) != maxBackendTraces || b.traces[0].TraceID.Low != 105 {
		t.Errorf("bounded: %d traces, oldest %s", len(b.traces), b.traces[0].TraceID)
	}
}
