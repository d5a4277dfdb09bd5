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
	r := startTestReceiver(t, ReceiverOptions{})
	now := queryFixture(t, r) + 60_000 // after the untimed span's arrival too
	const maxInt64, twenty = "9223372036854775807", "99999999999999999999"
	for _, q := range []string{
		"lookback=" + maxInt64,
		"lookback=" + twenty,
		fmt.Sprintf("endTs=%s&lookback=%s", maxInt64, maxInt64),
		fmt.Sprintf("endTs=%s&lookback=%s", twenty, twenty),
		fmt.Sprintf("endTs=%d&lookback=%s&limit=%s", now, maxInt64, maxInt64),
	} {
		var traces [][]map[string]any
		if status, body := getJSON(t, r, "/api/v2/traces?"+q, &traces); status != 200 || len(traces) != 4 {
			t.Errorf("traces?%s: %d, %d traces (want all 4): %.200s", q, status, len(traces), body)
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
