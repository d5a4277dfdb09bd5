package testkit

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Tmux is a tmux server of a test's own, one session per terminal, killed
// when the test ends. The end-to-end tests drive the real binary in it as a
// person at a terminal would.
type Tmux struct {
	t    testing.TB
	sock string
}

// NewTmux is a server whose socket is prefix and the name of the test's
// temporary folder (the test's name and random digits), not its "001"
// subfolder, which every test and every process shares: one test's
// kill-server would end another's terminals. It fails t without tmux.
func NewTmux(t testing.TB, prefix string) *Tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed (.ci/run installs it)")
	}
	ts := &Tmux{t: t, sock: prefix + filepath.Base(filepath.Dir(t.TempDir()))}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", ts.sock, "kill-server").Run() })
	return ts
}

// Run runs a tmux command on the server and returns its output; a failure
// fails the test.
func (ts *Tmux) Run(args ...string) string {
	ts.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", ts.sock}, args...)...).CombinedOutput()
	if err != nil {
		ts.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Has says whether the terminal name still runs.
func (ts *Tmux) Has(name string) bool {
	return exec.Command("tmux", "-L", ts.sock, "has-session", "-t", name).Run() == nil
}

// Open starts command in a new w×h terminal called name.
func (ts *Tmux) Open(name string, w, h int, command string) {
	ts.t.Helper()
	ts.Run("new-session", "-d", "-s", name, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), command)
}

// Screen is what the terminal name shows.
func (ts *Tmux) Screen(name string) string {
	ts.t.Helper()
	return ts.Run("capture-pane", "-p", "-t", name)
}

// WaitFor polls name's screen until it shows want and returns that screen;
// after limit it fails the test with the screen it shows.
func (ts *Tmux) WaitFor(name, want string, limit time.Duration) string {
	ts.t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if s := ts.Screen(name); strings.Contains(s, want) {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.t.Fatalf("%s never showed %q:\n%s", name, want, ts.Screen(name))
	return ""
}

// Keys sends keys to name one at a time, as a person types.
func (ts *Tmux) Keys(name string, keys ...string) {
	ts.t.Helper()
	for _, k := range keys {
		ts.Run("send-keys", "-t", name, k)
		time.Sleep(120 * time.Millisecond)
	}
}

// Type sends text to name as it is (no key names).
func (ts *Tmux) Type(name, text string) {
	ts.t.Helper()
	ts.Run("send-keys", "-t", name, "-l", text)
	time.Sleep(120 * time.Millisecond)
}
