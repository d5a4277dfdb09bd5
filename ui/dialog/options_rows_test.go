package dialog

import (
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/settings"
)

// Every setting the TUI takes has its row in O, under its name.
func TestEverySettingIsInOptions(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, r := range optionRows(componenttest.NewCommon(t, component.Policy{})) {
		names[r.name] = true
	}
	for _, s := range settings.Table() {
		name := s.Name
		if s.Edit == settings.Repeat {
			name = "+ add a " + s.Name
		}
		if s.Edit != settings.NotInTUI && !names[name] {
			t.Errorf("--%s: no row %q in O", s.Flag, name)
		}
	}
}

// TestPolicyOptionRowsSayWhy: under the workshop's policy each row it holds
// says who set it, and none adds a header.
func TestPolicyOptionRowsSayWhy(t *testing.T) {
	t.Parallel()
	c := componenttest.NewCommon(t, componenttest.AttendeePolicy, func(c *tracing.Config) {
		c.Endpoint = "http://127.0.0.1:1/tok3n-s3cret/api/v2/spans"
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer hunter2"}}
	})
	rows := map[string]optionRow{}
	for _, r := range optionRows(c) {
		rows[r.name] = r
	}
	for _, name := range []string{"endpoint", "query URL", "header Authorization", "reveal secrets", "listen", "CA certificates", "TLS not verified", "max spans", "service"} {
		r, ok := rows[name]
		if !ok {
			t.Errorf("no row %q", name)
			continue
		}
		if v := r.value(c); v != "set by the workshop" {
			t.Errorf("%s shows %q", name, v)
		}
	}
	if _, ok := rows["+ add a header"]; ok {
		t.Error("an attendee can add a header")
	}
}
