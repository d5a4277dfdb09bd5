package cli

import (
	"os"
	"regexp"
	"testing"

	"zipkin-playground/tracing/wire"
)

// The README's --encoding row names every encoding the outbox sends, and
// only those: the table of wire formats is where an encoding is added, and
// the README is the one place that lists them by hand.
func TestReadmeEncodingsAreTheTable(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `--encoding ENC` \\|.*\\| ([^|]*)\\|$").FindSubmatch(data)
	if row == nil {
		t.Fatal("README has no --encoding row")
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z0-9]+)`").FindAllSubmatch(row[1], -1) {
		named[string(m[1])] = true
	}
	sends := map[string]bool{}
	for _, c := range wire.SendCodecs() {
		sends[string(c.Name)] = true
		if !named[string(c.Name)] {
			t.Errorf("README's --encoding row does not name %s (%s): %s", c.Name, c.Title, row[1])
		}
	}
	for n := range named {
		if !sends[n] {
			t.Errorf("README's --encoding row names %q, which the table of wire formats does not send", n)
		}
	}
}
