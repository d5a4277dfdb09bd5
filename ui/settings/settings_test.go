package settings

import (
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// Every flag the TUI takes is changed in O or says it is fixed at start,
// and no row O shows is a flag the TUI refuses.
func TestEveryTUIFlagHasAnOptionsRow(t *testing.T) {
	t.Parallel()
	for _, s := range Table() {
		inTUI := s.Commands&TUI != 0
		switch {
		case inTUI && s.Edit == NotInTUI:
			t.Errorf("--%s: the TUI takes it, but it has no O row and is not fixed at start", s.Flag)
		case !inTUI && s.Edit != NotInTUI:
			t.Errorf("--%s: an O row for a flag the TUI does not take", s.Flag)
		case inTUI && (s.Name == "" || s.About == "" || s.Value == nil):
			t.Errorf("--%s: its O row lacks a name, an explanation or a value", s.Flag)
		case s.Parse == nil || s.Usage == "":
			t.Errorf("--%s: no parser or no usage", s.Flag)
		}
	}
}

// newSession is a session posting to a server that accepts everything.
func newSession(t *testing.T) *tracing.Session {
	t.Helper()
	cfg := tracing.DefaultConfig()
	cfg.Endpoint = (&testkit.Collector{}).Serve(t) + secret.V2Path
	return sessiontest.Open(t, cfg)
}

// What O applies live, a running session takes (and the top bar then shows
// it); what the table calls fixed at start, the session refuses to change.
func TestTheSessionAppliesWhatTheTableSays(t *testing.T) {
	t.Parallel()
	def := tracing.DefaultConfig()
	for _, s := range Table() {
		switch s.Edit {
		case Prompt, Toggle, Choose, Repeat:
			t.Run(s.Flag, func(t *testing.T) {
				t.Parallel()
				sess := newSession(t)
				var parseErr error
				if err := sess.Reconfigure(func(c *tracing.Config) { parseErr = s.Parse(c, s.Example) }); err != nil || parseErr != nil {
					t.Fatalf("example %q: %v %v", s.Example, parseErr, err)
				}
				cfg := sess.Config()
				if s.Edit != Repeat && s.Value(cfg) == s.Value(def) {
					t.Errorf("example %q left the value at its default %q", s.Example, s.Value(def))
				}
				if s.Changed != nil && s.Changed(cfg, def) == "" {
					t.Errorf("example %q: the top bar does not show the change", s.Example)
				}
				if s.Changed != nil && s.Changed(def, def) != "" {
					t.Errorf("the top bar shows the default: %q", s.Changed(def, def))
				}
			})
		case Fixed:
			t.Run(s.Flag, func(t *testing.T) {
				t.Parallel()
				sess := newSession(t)
				if s.Example == "" {
					t.Fatalf("no example value to try for --%s", s.Flag)
				}
				if err := sess.Reconfigure(func(c *tracing.Config) { _ = s.Parse(c, s.Example) }); err == nil {
					t.Errorf("--%s is fixed at start, but the session changed it", s.Flag)
				}
			})
		}
	}
}

// The top bar's "set" list is in the table's order and names only what
// differs.
func TestChangedListsOnlyWhatDiffers(t *testing.T) {
	t.Parallel()
	def := tracing.DefaultConfig()
	if got := Changed(def, def); len(got) != 0 {
		t.Errorf("defaults listed: %q", got)
	}
	c := def
	c.Gzip, c.Batch = true, 7
	if got := Changed(c, def); len(got) != 2 || got[0] != "batch 7" || got[1] != "gzip" {
		t.Errorf("want [batch 7 gzip], have %q", got)
	}
}
