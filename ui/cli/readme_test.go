package cli

import (
	"fmt"
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
		if want := readmeCommands(d); cmds != want {
			t.Errorf("--%s: README says %q, the table %q", name, cmds, want)
		}
	}
	for _, d := range flagTable {
		if !seen[d.name] {
			t.Errorf("README's flag table lacks --%s", d.name)
		}
	}
}

// readmeCommands is the README's commands column: "all" for a flag every
// command takes, else the commands' names.
func readmeCommands(d flagDef) string {
	if d.every {
		return "all"
	}
	return strings.Replace(commandNames(d.cmds), "the TUI", "TUI", 1)
}

// TestReadmeCommands: the README's commands block has one line per row of
// the command table, in its order, with its synopsis and summary, and the
// lines for help and --version.
func TestReadmeCommands(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "\n## Commands\n")
	_, block, _ := strings.Cut(section, "```\n")
	block, _, _ = strings.Cut(block, "```")
	var want []string
	for _, c := range commandTable {
		want = append(want, fmt.Sprintf("%-39s %s", c.synopsis(), c.summary))
	}
	want = append(want, readmeHelpLine, readmeVersionLine)
	got := strings.Split(strings.TrimSpace(block), "\n")
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			t.Errorf("README's commands block lacks %q", want[i])
		case i >= len(want):
			t.Errorf("README's commands block has %q, which no command table row gives", got[i])
		case strings.Join(strings.Fields(got[i]), " ") != strings.Join(strings.Fields(want[i]), " "):
			t.Errorf("README's commands block line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}

// The README's lines for what is no row of the command table.
const (
	readmeHelpLine    = "zipkin-playground help [COMMAND]        a command's flags and examples (also COMMAND --help)"
	readmeVersionLine = "zipkin-playground --version             module version and VCS revision"
)
