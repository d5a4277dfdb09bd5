// Package componenttest is what the tests of the screen's packages share: a
// Common on a session of its own, the workshop attendee's policy, the fixed
// colour profile the goldens are made under, and a whitespace flattener.
package componenttest

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/ui/component"
)

// Main runs a package's tests under a fixed colour profile: goldens and
// width checks are made under it. A package's TestMain calls it.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// AttendeePolicy is the workshop's policy for an attendee.
var AttendeePolicy = component.Policy{Locked: "set by the workshop", NoFiles: "off in a workshop", MaxSpans: 2}

// NewCommon is the context a component shares, on a session of its own
// (the embedded receiver on a free port, every trace sampled, adjusted by
// mutate), under policy p.
func NewCommon(t testing.TB, p component.Policy, mutate ...func(*tracing.Config)) *component.Common {
	t.Helper()
	ip := func(c *tracing.Config) { c.IP = "10.0.0.1" }
	s := sessiontest.New(t, append([]func(*tracing.Config){ip}, mutate...)...)
	st, keys := component.DefaultStyles(), component.DefaultKeyMap()
	return &component.Common{Session: s, Styles: &st, Keys: &keys, Now: time.Now, Policy: p}
}

// Flat is s with its runs of white space made one space.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }
