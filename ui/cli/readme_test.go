package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeFlagTable: README's flag table lists every flag of the table,
// with its variable and the commands that take it, and nothing else.
func TestReadmeFlagTable(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `--([a-z0-9-]+)[^`]*` \\| ([^|]*)\\| [^|]*\\| ([^|]*)\\|")
	seen := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		name, env, cmds := m[1], strings.TrimSpace(m[2]), strings.TrimSpace(m[3])
		d, ok := lookupFlag(name)
		if !ok {
			t.Errorf("README lists --%s, which no command takes", name)
			continue
		}
		seen[name] = true
		if d.env != "" && !strings.Contains(env, d.env) || d.env == "" && env != "" {
			t.Errorf("--%s: README says env %q, the table %q", name, env, d.env)
		}
		if want := readmeCommands(d.cmds); cmds != want {
			t.Errorf("--%s: README says %q, the table %q", name, cmds, want)
		}
	}
	for _, d := range flagTable {
		if !seen[d.name] {
			t.Errorf("README's flag table lacks --%s", d.name)
		}
	}
}

func readmeCommands(set commandSet) string {
	if set == inAll {
		return "all"
	}
	return strings.Replace(commandNames(set), "the TUI", "TUI", 1)
}
