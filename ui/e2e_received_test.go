//go:build e2e

package ui

import (
	"strings"
	"testing"
)

// TestTmuxReceivedFromJaeger drives the real binary against Jaeger with its
// query URL set: no embedded receiver runs, so after the flush's automatic
// read-back the Received pane (tab) draws what Jaeger stored — both spans,
// with their waterfall — and its title says it is Jaeger's copy.
func TestTmuxReceivedFromJaeger(t *testing.T) {
	ts := checkoutChargeAgainstJaeger(t, "e2e-received")
	ts.keys("Enter")
	ts.waitFor("charge")
	ts.keys("f", "k", "f", "F")
	ts.waitFor("HTTP 202")
	ts.waitFor("(jaeger API)")
	ts.keys("Tab")
	screen := ts.waitFor("Stored in the Jaeger backend")
	if !strings.Contains(screen, "2 spans in 1 trace") {
		t.Errorf("the pane does not count Jaeger's copy of the trace:\n%s", screen)
	}
	var charge string
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "charge [CLIENT] e2e-received") {
			charge = line
		}
	}
	if !strings.Contains(charge, "█") {
		t.Errorf("no waterfall row for the CLIENT span Jaeger stored:\n%s", screen)
	}
	ts.keys("q")
}
