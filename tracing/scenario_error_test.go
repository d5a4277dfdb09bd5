package tracing_test

import (
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/sessiontest"
)

// A replayed error's annotation lies inside its span, not at the wall-clock
// time of the replay (which, for a span that ended early in the scenario,
// is after the span ended).
func TestReplayStampsErrorInsideItsSpan(t *testing.T) {
	t.Parallel()
	s := sessiontest.To(t, "")
	sc := tracing.Scenario{Version: tracing.ScenarioVersion, Name: "err", Traces: []tracing.ScenarioSpan{{
		Name: "checkout", StartMs: 0, DurationMs: 100,
		Children: []tracing.ScenarioSpan{{Name: "charge", StartMs: 10, DurationMs: 20, Error: "card declined"}},
	}}}
	if _, err := s.Replay(sc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sp := range s.Outbox().PendingSpans() {
		if sp.Name != "charge" {
			continue
		}
		end := sp.Timestamp.Add(sp.Duration)
		for _, a := range sp.Annotations {
			found = true
			if a.Timestamp.Before(sp.Timestamp) || a.Timestamp.After(end) {
				t.Errorf("annotation %q at %s, outside its span %s…%s", a.Value, a.Timestamp, sp.Timestamp, end)
			}
		}
	}
	if !found {
		t.Fatal("the error annotation was not sent")
	}
}
