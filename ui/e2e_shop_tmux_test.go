//go:build e2e

package ui

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTmuxServiceMapAt80x24: the built binary in an 80×24 terminal without
// colour; H from a CLIENT span calls the shop, F flushes the span, M draws
// the map of what the embedded receiver holds.
func TestTmuxServiceMapAt80x24(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "zipkin-playground")
	if out, err := exec.Command("go", "build", "-o", bin, "zipkin-playground").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ts := startTmux(t, "env NO_COLOR=1 "+bin+" --listen 127.0.0.1:0")
	ts.tmux("resize-window", "-t", "z", "-x", "80", "-y", "24")
	ts.waitFor("Welcome")
	ts.keys("K", "n", "Enter")
	ts.waitFor("[CLIENT]")
	ts.keys("H")
	ts.waitFor("GET    /order")
	ts.keys("Enter")
	ts.waitFor("gateway answered 200")
	ts.keys("f", "F")
	ts.waitFor("HTTP 202")
	ts.keys("M")
	screen := ts.waitFor("│payments │")
	for _, want := range []string{"│playground├", "▶│gateway├", "▶│checkout├", "│inventory│",
		"playground → gateway  1 call", "checkout → payments  1 call", "checkout → inventory  1 call"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the map at 80×24 lacks %q:\n%s", want, screen)
		}
	}
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines on a 24-line screen", len(lines))
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns", i, n)
		}
	}
	ts.keys("Escape")
	ts.waitFor("n new trace")
}
