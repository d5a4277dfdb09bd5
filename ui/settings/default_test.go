package settings

import (
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

// A row's Default is how usage names tracing.DefaultConfig's value: the two
// are written in different packages, so a test keeps them together. A
// Default that names a value ("256MiB", "100 (500 in a burst)") must parse
// to the configuration's default; one that describes it ("none") is read
// by people, not parsers.
func TestDefaultsAreTheConfigsDefaults(t *testing.T) {
	t.Parallel()
	def := tracing.DefaultConfig()
	checked := 0
	for _, s := range Table() {
		if s.Value == nil || s.Parse == nil || s.Default == "" {
			continue
		}
		for _, text := range []string{s.Default, strings.Fields(s.Default)[0]} {
			c := def
			if s.Parse(&c, text) != nil || c.Validate() != nil {
				continue
			}
			if got, want := s.Value(c), s.Value(def); got != want {
				t.Errorf("--%s: usage says the default is %q, which sets %q; the configuration's default is %q", s.Flag, s.Default, got, want)
			}
			checked++
			break
		}
	}
	if checked < 10 {
		t.Errorf("only %d defaults could be checked", checked)
	}
}
