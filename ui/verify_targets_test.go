package ui

import (
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/verify"
)

// After the endpoint changes, V reads back only what went to the new
// endpoint: a trace verified on the embedded receiver keeps "verified"
// rather than turn "missing" for not being in a backend it was never sent
// to, and the log says where it went.
func TestVerifyChecksEachTraceWhereItWasSent(t *testing.T) {
	t.Parallel()
	srv := blackHole(t)
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.VerifyTimeout = 300 * time.Millisecond })
	first := oneSpan(t, m, "checkout")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if ch := m.common.Verify.Check(first.Key); ch == nil || ch.State != verify.StateVerified {
		t.Fatalf("on the embedded receiver: %+v (status %q)", ch, m.status)
	}
	if err := m.common.Session.SetEndpoint(srv.URL + "/api/v2/spans"); err != nil {
		t.Fatal(err)
	}
	second := oneSpan(t, m, "pay")
	m, cmd = press(t, m, "F")
	m = settle(t, m, cmd)
	m, cmd = press(t, m, "V")
	m = settle(t, m, cmd)
	if ch := m.common.Verify.Check(first.Key); ch == nil || ch.State != verify.StateVerified {
		t.Errorf("the trace sent to the embedded receiver: %+v, want it still verified", ch)
	}
	if ch := m.common.Verify.Check(second.Key); ch == nil || ch.State != verify.StateMissing {
		t.Errorf("the trace sent to the black hole: %+v, want missing", ch)
	}
	log := flat(strings.Join(m.log.Lines(-1), "\n"))
	for _, want := range []string{"trace " + first.Context.TraceID.String() + " was sent to http://", "not checked here"} {
		if !strings.Contains(log, want) {
			t.Errorf("%q is not in the log:\n%s", want, log)
		}
	}
}
