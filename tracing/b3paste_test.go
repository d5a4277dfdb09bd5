package tracing

import (
	"testing"
)

// "b3: 0" is the spec's "do not sample" without IDs: it starts a new trace,
// not sampled, with no remote parent (as does X-B3-Sampled: 0 alone).
func TestB3PasteSamplingDecisionAlone(t *testing.T) {
	t.Parallel()
	for _, paste := range []string{"b3: 0", "X-B3-Sampled: 0"} {
		s := newTestSession(t, "always")
		n, err := s.ContinueTrace(paste, SpanOptions{Name: "downstream"})
		if err != nil {
			t.Fatalf("%q: %v", paste, err)
		}
		if n.Sampled() || n.RemoteParent || n.Parent != nil || n.Context.ParentID != nil {
			t.Errorf("%q: want a new unsampled trace without parent, have sampled %v remote %v parent %v",
				paste, n.Sampled(), n.RemoteParent, n.Context.ParentID)
		}
	}
}
