package component

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"zipkin-playground/internal/sessiontest"
	"zipkin-playground/tracing"
)

func TestMain(m *testing.M) {
	// Goldens and width checks are made under a fixed colour profile.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newTestCommon is the context a component shares, on a session of its own
// (the embedded receiver on a free port, every trace sampled, adjusted by
// mutate), under policy p.
func newTestCommon(t testing.TB, p Policy, mutate ...func(*tracing.Config)) *Common {
	t.Helper()
	ip := func(c *tracing.Config) { c.IP = "10.0.0.1" }
	s := sessiontest.New(t, append([]func(*tracing.Config){ip}, mutate...)...)
	st, keys := DefaultStyles(), DefaultKeyMap()
	return &Common{Session: s, Styles: &st, Keys: &keys, Now: time.Now, Policy: p}
}

// flat is s with its runs of white space made one space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }
