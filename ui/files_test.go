package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

func TestSaveOpenExport(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, 120, 40, func(c *tracing.Config) {
		c.Headers = []tracing.Header{{Name: "Authorization", Value: "Bearer t0psecretvalue"}}
	})
	m, _ = press(t, m, "n", "enter", "c", "enter", "e")
	m = typeText(t, m, "boom")
	m, _ = press(t, m, "enter", "f", "up", "f")

	save := filepath.Join(dir, "mine.json")
	m, _ = press(t, m, "w")
	promptOf(m).input.SetValue(save)
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
	promptOf(m).input.SetValue(export)
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
	before := m.session.Tree().Len()
	m, _ = press(t, m, "o")
	promptOf(m).input.SetValue(bad)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	if !m.statusBad || !strings.Contains(m.status, "bad scenario") || m.session.Tree().Len() != before {
		t.Fatalf("corrupt open: status %q, spans %d→%d", m.status, before, m.session.Tree().Len())
	}
	// The saved file opens with fresh IDs and the same shape.
	m, _ = press(t, m, "o")
	promptOf(m).input.SetValue(save)
	m, cmd = press(t, m, "enter")
	m = settle(t, m, cmd)
	tree := m.session.Tree()
	if tree.Len() != 2*before || tree.At(before).Name != tree.At(0).Name || tree.At(before).Context.ID == tree.At(0).Context.ID {
		t.Errorf("open: %d spans (status %q)", tree.Len(), m.status)
	}
	if tree.At(before + 1).Tags["error"] != "boom" {
		t.Errorf("the error did not survive save and open: %v", tree.At(before+1).Tags)
	}
}
