package cli

import (
	"testing"

	"zipkin-playground/ui/settings"
)

// A flag the TUI takes is a setting of the table (which gives it an O row or
// says it is fixed at start), or one of the few that say what to do at start
// rather than how the session runs.
func TestTUIFlagsAreSettings(t *testing.T) {
	t.Parallel()
	atStart := map[string]bool{"load": true, "version": true, "help": true}
	for _, d := range flagTable {
		if d.cmds&settings.TUI == 0 || atStart[d.name] {
			continue
		}
		s, ok := settings.Lookup(d.name)
		if !ok {
			t.Errorf("--%s: the TUI takes it, but it is no row of ui/settings (no O row, not fixed at start)", d.name)
			continue
		}
		if s.Edit == settings.NotInTUI {
			t.Errorf("--%s: the TUI takes it, but its row has no O row and is not fixed at start", d.name)
		}
	}
}
