package receiver

import (
	"fmt"
	"strings"
	"testing"
)

// lookback or endTs as large as a client can write means "everything up to
// then", not an overflow into an empty answer.
func TestQueryIntegersClamp(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	now := queryFixture(t, r) + 60_000 // after the untimed span's arrival too
	const maxInt64, twenty = "9223372036854775807", "99999999999999999999"
	var all [][]map[string]any // everything since the epoch, asked for in range
	getJSON(t, r, fmt.Sprintf("/api/v2/traces?endTs=%d&lookback=%d", now, now), &all)
	if len(all) < 3 {
		t.Fatalf("the fixture's traces: %d", len(all))
	}
	for _, q := range []string{
		"lookback=" + maxInt64,
		"lookback=" + twenty,
		fmt.Sprintf("endTs=%s&lookback=%s", maxInt64, maxInt64),
		fmt.Sprintf("endTs=%s&lookback=%s", twenty, twenty),
		fmt.Sprintf("endTs=%d&lookback=%s&limit=%s", now, maxInt64, maxInt64),
	} {
		var traces [][]map[string]any
		if status, body := getJSON(t, r, "/api/v2/traces?"+q, &traces); status != 200 || len(traces) != len(all) {
			t.Errorf("traces?%s: %d, %d traces (want all %d): %.200s", q, status, len(traces), len(all), body)
		}
		var links []map[string]any
		dq := q
		if !strings.Contains(dq, "endTs=") {
			dq = fmt.Sprintf("endTs=%d&%s", now, dq)
		}
		if status, body := getJSON(t, r, "/api/v2/dependencies?"+dq, &links); status != 200 || len(links) == 0 {
			t.Errorf("dependencies?%s: %d %.200s", dq, status, body)
		}
	}
	if status, _ := getJSON(t, r, "/api/v2/traces?lookback=-"+twenty, nil); status != 400 {
		t.Errorf("a negative lookback: %d, want 400", status)
	}
}
