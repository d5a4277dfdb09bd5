package receiver

import (
	"fmt"
	"testing"
)

// Zipkin Lens (openzipkin/zipkin zipkin-lens/src/constants/api.ts, its
// slices) starts by reading /zipkin/config.json, then browses the query API
// under /zipkin/api/v2/. Each of its calls answers 200 (and validates against
// zipkin2-api.yaml, through getJSON); every trace its search lists has a
// timestamp, without which its search page fails on the whole list.
func TestLensStartsAndSearches(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	now := queryFixture(t, r)
	var config struct {
		QueryLimit      int  `json:"queryLimit"`
		DefaultLookback int  `json:"defaultLookback"`
		SearchEnabled   bool `json:"searchEnabled"`
		Dependency      struct {
			Enabled bool `json:"enabled"`
		} `json:"dependency"`
	}
	if status, body := getJSON(t, r, "/zipkin/config.json", &config); status != 200 || !config.SearchEnabled || config.QueryLimit == 0 {
		t.Fatalf("config.json: %d %s", status, body)
	}
	lookback := 3 * 24 * 3600 * 1000
	for _, path := range []string{
		"/zipkin/api/v2/services",
		"/zipkin/api/v2/remoteServices?serviceName=frontend",
		"/zipkin/api/v2/spans?serviceName=frontend",
		"/zipkin/api/v2/autocompleteKeys",
		"/zipkin/api/v2/autocompleteValues?key=http.method",
		fmt.Sprintf("/zipkin/api/v2/dependencies?endTs=%d&lookback=%d", now, lookback),
		"/zipkin/api/v2/trace/000000000000000a",
	} {
		if status, body := getJSON(t, r, path, nil); status != 200 {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
	var traces [][]struct{ Timestamp int64 }
	path := fmt.Sprintf("/zipkin/api/v2/traces?endTs=%d&lookback=%d&limit=%d", now, lookback, config.QueryLimit)
	if status, body := getJSON(t, r, path, &traces); status != 200 || len(traces) == 0 {
		t.Fatalf("%s: %d %s", path, status, body)
	}
	for i, tr := range traces {
		stamped := false
		for _, s := range tr {
			stamped = stamped || s.Timestamp > 0
		}
		if !stamped {
			t.Errorf("trace %d of the search has no timestamp: Lens fails on the list", i)
		}
	}
}
