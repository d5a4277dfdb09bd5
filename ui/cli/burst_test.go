package cli

import (
	"testing"
)

// TestBurstCountAndDuration: --count builds exactly N demo traces; --duration
// alone keeps going at --rate until it ends; every span is delivered.
func TestBurstCountAndDuration(t *testing.T) {
	code, rep, stderr := runSend(t, "--count", "5")
	if code != ExitOK || len(rep.TraceIDs) != 5 || rep.Spans != 20 || rep.Delivered != 20 {
		t.Errorf("--count 5: exit %d, %d traces, %d/%d delivered (%s)", code, len(rep.TraceIDs), rep.Delivered, rep.Spans, stderr)
	}
	code, rep, stderr = runSend(t, "--duration", "300ms", "--rate", "20")
	// 20/s for 0.3s is about 6 traces; the bounds only say it ran and stopped.
	if code != ExitOK || len(rep.TraceIDs) < 1 || len(rep.TraceIDs) > 30 || rep.Delivered != rep.Spans {
		t.Errorf("--duration: exit %d, %d traces, %d/%d delivered (%s)", code, len(rep.TraceIDs), rep.Delivered, rep.Spans, stderr)
	}
	code, rep, _ = runSend(t, "--duration", "200ms", "--rate", "100", "--count", "3")
	if code != ExitOK || len(rep.TraceIDs) != 3 {
		t.Errorf("--count with --duration: %d traces", len(rep.TraceIDs))
	}
}
