//go:build e2e

package ui

import (
	"regexp"
	"strings"
	"testing"

	"zipkin-playground/tracing/jaegertest"
)

// TestTmuxVerifyAgainstJaeger drives the real binary with Jaeger's query URL
// set: a flush is read back by itself, and V reads it back again. Jaeger
// re-IDs the shared SERVER span, so that span shows changed, with what was
// stored and why, while the root shows verified.
func TestTmuxVerifyAgainstJaeger(t *testing.T) {
	ts := checkoutChargeAgainstJaeger(t, "e2e-verify")
	ts.keys("Enter", "K", "K", "c")
	ts.waitFor("next kind: SERVER")
	ts.typeText("charge")
	ts.keys("Enter")
	ts.waitFor("shared")
	ts.keys("f", "k", "f", "k", "f", "F")
	// The delivery log keeps the batch's line; the status moves on to the
	// read-back, which may end before a capture sees "Delivered".
	ts.waitFor("HTTP 202")
	screen := ts.waitFor("of 3 spans changed. New: Jaeger gave this shared span a new ID")
	rows := treeRows(screen)
	if !strings.Contains(rows["checkout"], "verified") || !strings.Contains(rows["charge [SERVER]"], "changed") {
		t.Errorf("tree rows after the automatic read-back: %q\n%s", rows, screen)
	}
	if !strings.Contains(screen, "(jaeger API)") || !regexp.MustCompile(`changed: 3/3 spans stored, \d+ differences`).MatchString(screen) {
		t.Errorf("no delivery-log line for the trace:\n%s", screen)
	}
	// The SERVER span (selected last: k from its child... it is the leaf) in
	// the inspector: stored as, with the reason.
	ts.keys("G")
	detail := ts.waitFor("stored as")
	if !strings.Contains(detail, "↳ Jaeger stores a shared SERVER span") {
		t.Errorf("the reason for the re-ID is not on screen:\n%s", detail)
	}
	ts.keys("V")
	ts.waitFor("— verify 1 trace")
	final := ts.waitFor("Read back 3 spans")
	if strings.Contains(final, "New: ") {
		t.Errorf("a rewrite was explained twice:\n%s", final)
	}
	ts.keys("q")
}

// treeRows maps the span names on screen to their tree rows (name, then the
// kind badge when there is one).
func treeRows(screen string) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`[◆├└] (\S+)( \[[A-Z]+\])?`)
	for _, line := range strings.Split(screen, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			out[m[1]+m[2]] = line
		}
	}
	return out
}

// checkoutChargeAgainstJaeger starts the binary against Jaeger with its query
// URL set, as service, and builds a root "checkout" with a CLIENT child whose
// name "charge" is typed but not yet accepted.
func checkoutChargeAgainstJaeger(t *testing.T, service string) *tmuxSession {
	t.Helper()
	bin := buildWithJaeger(t)
	ts := startTmux(t, "env NO_COLOR=1 "+bin+" --service "+service+" --endpoint "+jaegertest.ZipkinURL+" --query "+jaegertest.QueryURL)
	ts.waitFor("Press n to start a new trace")
	ts.keys("n")
	ts.waitFor("span name")
	ts.typeText("checkout")
	ts.keys("Enter", "K", "c")
	ts.waitFor("next kind: CLIENT")
	ts.typeText("charge")
	return ts
}
