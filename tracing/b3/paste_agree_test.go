package b3

import (
	"strings"
	"testing"
)

// A paste holding both forms must name one span: when b3 and X-B3-… disagree
// it is refused with both values, rather than the single header winning
// silently.
func TestB3PasteRefusesDisagreeingForms(t *testing.T) {
	t.Parallel()
	paste := "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\n" +
		"X-B3-TraceId: 463ac35c9f6413ad48485a3953bb6124\nX-B3-SpanId: a2fb4a1d1a96d312"
	_, err := ParseText(paste)
	if err == nil || !strings.Contains(err.Error(), "disagree") || !strings.Contains(err.Error(), "463ac35c9f6413ad48485a3953bb6124") {
		t.Fatalf("want a refusal naming both trace IDs, have %v", err)
	}
	agreeing := "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\n" +
		"X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7\nX-B3-SpanId: e457b5a2e4d86bd1"
	if _, err := ParseText(agreeing); err != nil {
		t.Errorf("both forms naming the same span: %v", err)
	}
}
