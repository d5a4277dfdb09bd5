package ui

import (
	"strings"
	"testing"

	"zipkin-playground/tracing/wire"
)

// The glossary's encoding entry names every encoding the outbox sends, as
// the table of wire formats titles it.
func TestGlossaryEncodingsAreTheTable(t *testing.T) {
	t.Parallel()
	var means string
	for _, it := range glossary().Items {
		if it.Label == "encoding" {
			means = it.Means
		}
	}
	for _, c := range wire.SendCodecs() {
		if !strings.Contains(means, c.Title) {
			t.Errorf("the glossary's encoding entry lacks %s: %q", c.Title, means)
		}
	}
	if !strings.Contains(means, "for /api/v1/spans") || !strings.Contains(means, "Zipkin v2 proto3,") {
		t.Errorf("the entry should say which path v1 is for and that proto3 keeps names as typed: %q", means)
	}
}
