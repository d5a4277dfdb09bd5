package b3

import (
	"strings"
	"testing"
)

// Vectors from the b3-propagation README and zipkin-go's propagation/b3 tests.
func TestParseTextValidVectors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in                          string
		trace, span, parent, sample string // sample: "1", "0", "d" or "" (deferred)
	}{
		{"b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
			"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1"},
		{"X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7\nX-B3-ParentSpanId: 05e3ac9a4f6e3b90\nX-B3-SpanId: e457b5a2e4d86bd1\nX-B3-Sampled: 1",
			"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1"},
		{"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d",
			"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "", "d"},
		{"b3: d4c3c787ce202dc5-77c6a763a5a72544-0-6a3211d95bed2c99",
			"d4c3c787ce202dc5", "77c6a763a5a72544", "6a3211d95bed2c99", "0"},
		{"b3: 000000000000007b00000000000001c8-000000000000007b",
			"000000000000007b00000000000001c8", "000000000000007b", "", ""},
		// Windows line ends, ; separators, names in any case, other headers ignored.
		{"Host: example.com\r\nx-b3-traceid: 463ac35c9f6413ad; X-B3-SPANID: a2fb4a1d1a96d312\r\nX-B3-Flags: 1",
			"463ac35c9f6413ad", "a2fb4a1d1a96d312", "", "d"},
		// The first of repeated headers wins.
		{"X-B3-TraceId: 463ac35c9f6413ad\nX-B3-TraceId: 1111111111111111\nX-B3-SpanId: a2fb4a1d1a96d312",
			"463ac35c9f6413ad", "a2fb4a1d1a96d312", "", ""},
		// Both forms naming the same span.
		{"X-B3-TraceId: 463ac35c9f6413ad\nX-B3-SpanId: a2fb4a1d1a96d312\nb3: 463ac35c9f6413ad-a2fb4a1d1a96d312-1",
			"463ac35c9f6413ad", "a2fb4a1d1a96d312", "", "1"},
	} {
		sc, err := ParseText(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		parent := ""
		if sc.ParentID != nil {
			parent = sc.ParentID.String()
		}
		sample := ""
		switch {
		case sc.Debug:
			sample = "d"
		case sc.Sampled != nil && *sc.Sampled:
			sample = "1"
		case sc.Sampled != nil:
			sample = "0"
		}
		if want, have := c.trace+"/"+c.span+"/"+c.parent+"/"+c.sample, sc.TraceID.String()+"/"+sc.ID.String()+"/"+parent+"/"+sample; want != have {
			t.Errorf("%q:\nwant %s\nhave %s", c.in, want, have)
		}
	}
}

func TestParseTextRefusesWithTheReason(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, reason string }{
		{"", "no B3 headers"},
		{"Host: example.com", "no B3 header found"},
		{"b3: 80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1", "uppercase"},
		{"X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff\nX-B3-SpanId: e457b5a2e4d86bd1", "this has 31"},
		{"X-B3-TraceId: 463ac35c9f6413a\nX-B3-SpanId: a2fb4a1d1a96d312", "this has 15"},
		{"X-B3-TraceId: 463ac35c9f6413ad0000\nX-B3-SpanId: a2fb4a1d1a96d312", "this has 20"},
		{"b3: 463ac35c9f6413ad_a2fb4a1d1a96d312_1", `separated by "-"`},
		{"b3: 463ac35c9f6413ad-a2fb4a1d1a96d312-1-0000000000000000", "all zeros"},
		{"X-B3-TraceId: 463ac35c9f6413ad\nX-B3-SpanId: a2fb4a1d1a96d312\nX-B3-ParentSpanId: 0000000000000000", "all zeros"},
		{"b3: 0000000000000000-a2fb4a1d1a96d312", "all zeros"},
		{"b3: 000000000000007b00000000000001c8-000000000000007b-3", "sampling state"},
		{"b3: 000000000000007b00000000000001c8-000000000000007b-00000000000001c8", "a parent ID comes fourth"},
		{"b3: 000000000000007b00000000000001c8-000000000000007b-1-00000000000001c", "this has 15"},
		{"b3: 000000000000007b00000000000001c8", "this has 1 fields"},
		{"X-B3-TraceId: 463ac35c9f6413ad\nX-B3-SpanId: a2fb4a1d1a96d312\nX-B3-Sampled: yes", "1 (sampled) or 0"},
		// Both forms naming different spans: refused, not the single one silently.
		{"X-B3-TraceId: 1111111111111111\nX-B3-SpanId: 2222222222222222\nb3: 463ac35c9f6413ad-a2fb4a1d1a96d312-1", "disagree"},
		{"X-B3-SpanId: a2fb4a1d1a96d312", "a trace ID and a span ID are needed"},
		// half-pasted values: zipkin-go's own parser panics on some of these.
		{"b3: 80f198ee56343ba864fe8b2a57d3eff7-", "span ID"},
		{"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2", "this has 8"},
	} {
		_, err := ParseText(c.in)
		if err == nil || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%q: want an error saying %q, have %v", c.in, c.reason, err)
		}
	}
}
