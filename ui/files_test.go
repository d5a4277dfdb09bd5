package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"zipkin-playground/ui/dialog"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
)

func TestSaveOpenExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := newModel(t, 120, 40, func(c *tracing.Config) {
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer t0psecretvalue"}}
	})
	m, _ = press(t, m, "n", "enter", "c", "enter", "e")
	m = typeText(t, m, "boom")
	m, _ = press(t, m, "enter", "f", "up", "f")

	save := filepath.Join(dir, "mine.json")
	m, _ = press(t, m, "w")
	promptOf(m).Input.SetValue(save)
	m, cmd := press(t, m, "enter")
	m = settle(t, m, cmd)
	data, err := os.ReadFile(save)
	if err != nil || !strings.Contains(m.status, "Saved") {
		t.Fatalf("save: %v, status %q", err, m.status)
	}
	if strings.Contains(string(data), "t0psecret") || strings.Contains(string(data), "127.0.0.1") {
		t.Errorf("saved scenario holds the endpoint or a header:\n%s", data)
	}

	export := filepath.Join(dir, "spans.json")
	m, _ = press(t, m, "x")
	promptOf(m).Input.SetValue(export)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if b, err := os.ReadFile(export); err != nil || strings.Count(string(b), `"traceId"`) != 2 {
		t.Errorf("export: %v %s", err, b)
	}
	if v := m.View(); !strings.Contains(v, "curl -sS -X POST") || strings.Contains(v, "t0psecret") {
		t.Errorf("curl command missing or unmasked in the log")
	}

	// A corrupt file is a clear error and the session is untouched.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"version":1,"traces":[{"name":`), 0o644)
	before := m.common.Session.Tree().Len()
	m, _ = press(t, m, "o", "G", "enter") // the last item: a file
	promptOf(m).Input.SetValue(bad)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if !m.statusBad || !strings.Contains(m.status, "bad scenario") || m.common.Session.Tree().Len() != before {
		t.Fatalf("corrupt open: status %q, spans %d→%d", m.status, before, m.common.Session.Tree().Len())
	}
	// The saved file opens with fresh IDs and the same shape.
	m, _ = press(t, m, "o", "G", "enter")
	promptOf(m).Input.SetValue(save)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	tree := m.common.Session.Tree()
	if tree.Len() != 2*before || tree.At(before).Name != tree.At(0).Name || tree.At(before).Context.ID == tree.At(0).Context.ID {
		t.Errorf("open: %d spans (status %q)", tree.Len(), m.status)
	}
	if tree.At(before + 1).Tags["error"] != "boom" {
		t.Errorf("the error did not survive save and open: %v", tree.At(before+1).Tags)
	}
}

// TestFilesSavedSafely drives saving and loading from the keys: placeholders,
// ~, 0600, asking before replacing, symlinks and FIFOs.
func TestFilesSavedSafely(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f")

	// The prompt starts empty, the default is a placeholder: typing is the
	// whole name (no "scenario.jsonork/…").
	m, _ = press(t, m, "w")
	if p := promptOf(m); p == nil || p.Value() != "" || p.Input.Placeholder != "scenario.json" {
		t.Fatalf("save prompt: %+v", p)
	}
	m = typeText(t, m, "~/mine.json")
	m, cmd := press(t, m, "enter")
	m = settle(t, m, cmd)
	path := filepath.Join(home, "mine.json")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.Contains(m.status, path) {
		t.Fatalf("~ not expanded or not 0600: %v %v, status %q", fi, err, m.status)
	}

	// Saving again asks; n leaves the file alone, y replaces it.
	os.WriteFile(path, []byte("precious"), 0o600)
	m, _ = press(t, m, "w")
	m = typeText(t, m, "~/mine.json")
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if _, ok := m.dialog.(*dialog.Confirm); !ok || !strings.Contains(m.status, "already exists — replace it?") {
		t.Fatalf("no overwrite question: status %q", m.status)
	}
	m, _ = press(t, m, "n")
	if b, _ := os.ReadFile(path); string(b) != "precious" || m.dialog != nil {
		t.Fatalf("n replaced the file: %q", b)
	}
	m, _ = press(t, m, "w")
	m = typeText(t, m, "~/mine.json")
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	m, cmd = press(t, m, "y")
	m = settle(t, m, cmd)
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), `"traces"`) || !strings.Contains(m.status, "Saved") {
		t.Fatalf("y did not replace: %q, status %q", b, m.status)
	}

	// A symlink is refused, its target untouched, even after yes.
	target := filepath.Join(home, "target.txt")
	os.WriteFile(target, []byte("keep me"), 0o644)
	link := filepath.Join(home, "link.json")
	os.Symlink(target, link)
	m, _ = press(t, m, "x")
	m = typeText(t, m, link)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if b, _ := os.ReadFile(target); string(b) != "keep me" || !m.statusBad || !strings.Contains(m.status, "symbolic link") {
		t.Fatalf("symlink: target %q, status %q", b, m.status)
	}

	// Opening a FIFO is refused with a reason, without blocking.
	fifo := filepath.Join(home, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	m, _ = press(t, m, "o", "G", "enter")
	m = typeText(t, m, fifo)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if !m.statusBad || !strings.Contains(m.status, "not a regular file") {
		t.Errorf("FIFO: status %q", m.status)
	}
}

// o lists the embedded examples, which open from any directory.
func TestOpenBuiltinExample(t *testing.T) {
	t.Chdir(t.TempDir())
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "o")
	if !strings.Contains(m.View(), "checkout") || !strings.Contains(m.View(), "built-in example") {
		t.Fatalf("o does not list the examples:\n%s", m.View())
	}
	m, cmd := press(t, m, "enter")
	m = settle(t, m, cmd)
	if m.common.Session.Tree().Len() == 0 || !strings.Contains(m.status, "built-in example") {
		t.Errorf("built-in example not opened: status %q", m.status)
	}
}
