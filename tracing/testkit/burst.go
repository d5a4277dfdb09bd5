package testkit

import (
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// BurstSpans is traces × perTrace zipkin-go span models as a burst sends
// them: one local endpoint shared by pointer, a tag each, children under
// each trace's first span.
func BurstSpans(traces, perTrace int) []model.SpanModel {
	ep := &model.Endpoint{ServiceName: "bench"}
	start := time.Now()
	spans := make([]model.SpanModel, 0, traces*perTrace)
	for i := 0; i < traces; i++ {
		tid := model.TraceID{Low: uint64(i + 1)}
		for j := 0; j < perTrace; j++ {
			sc := model.SpanContext{TraceID: tid, ID: model.ID(uint64(i)<<8 | uint64(j) + 1)}
			if j > 0 {
				parent := model.ID(uint64(i)<<8 + 1)
				sc.ParentID = &parent
			}
			spans = append(spans, model.SpanModel{
				SpanContext: sc, Name: "op", LocalEndpoint: ep,
				Timestamp: start, Duration: time.Millisecond,
				Tags: map[string]string{"i": "v"},
			})
		}
	}
	return spans
}

// Ptrs is a pointer to each of spans, as serializers take them.
func Ptrs(spans []model.SpanModel) []*model.SpanModel {
	out := make([]*model.SpanModel, len(spans))
	for i := range spans {
		out[i] = &spans[i]
	}
	return out
}
