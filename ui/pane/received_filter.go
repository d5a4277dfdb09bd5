package pane

import (
	"fmt"
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/receiver"
)

// serviceFilter keeps the traces one service took part in ("" keeps all):
// a workshop's presenter looks at one attendee's traces.
type serviceFilter string

func (f serviceFilter) keep(traces []receiver.ReceivedTrace) []receiver.ReceivedTrace {
	if f == "" {
		return traces
	}
	out := traces[:0:0]
	for _, t := range traces {
		if f.in(t.Spans) {
			out = append(out, t)
		}
	}
	return out
}

func (f serviceFilter) in(spans []model.SpanModel) bool {
	for _, sp := range spans {
		if sp.LocalEndpoint != nil && sp.LocalEndpoint.ServiceName == string(f) {
			return true
		}
	}
	return false
}

// empty says why the pane has no rows: nothing arrived, or nothing of the
// service shown (whose built-in examples name services of their own, so
// their traces are not that service's).
func (v *Received) empty() string {
	if v.only != "" && v.Stats.Spans > 0 {
		return fmt.Sprintf("No trace with a span of service %s has arrived. Built-in examples (%s) name services of their own, so their traces are not counted as %s's.", component.Safe(string(v.only)), component.KeyName(v.Keys.Load), component.Safe(string(v.only)))
	}
	if len(v.backend.traces) > 0 && !v.showsBackend() {
		return component.KeyText(v.Keys, "Nothing arrived at the embedded receiver since the spans went to another backend: {Source} shows what that backend stored, as verification read it back.")
	}
	return component.KeyText(v.Keys, "Nothing arrived yet. Finish spans ({Finish}) and flush ({Flush}): what the receiver decodes shows up here.")
}
