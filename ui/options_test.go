package ui

import (
	"net/http"
	"strings"
	"testing"
	"zipkin-playground/ui/dialog"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// newCollector is a collector on a free port and its spans URL.
func newCollector(t *testing.T) (*testkit.Collector, string) {
	c := &testkit.Collector{}
	return c, c.Serve(t) + secret.V2Path
}

// optionsOpen says whether the options dialog holds the slot (its title is
// its own).
func optionsOpen(m *Model) bool {
	return m.dialog != nil && strings.HasPrefix(m.dialog.Title(), "Options —")
}

// selectOption puts the options' cursor on the row named name, with the
// keys a user presses: to the top, then down until the marked row is it.
func selectOption(t *testing.T, m *Model, name string) {
	t.Helper()
	if !optionsOpen(m) {
		t.Fatalf("the options are not open (dialog %T, status %q)", m.dialog, m.status)
	}
	press(t, m, "g")
	for view := ""; view != m.dialog.View(); press(t, m, "j") {
		view = m.dialog.View()
		if strings.Contains(view, "▶ "+name+" ") {
			return
		}
	}
	t.Fatalf("no option %q", name)
}

// setOption types text into a setting's prompt and presses enter.
func setOption(t *testing.T, m *Model, name, text string) *Model {
	t.Helper()
	selectOption(t, m, name)
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil {
		t.Fatalf("%s: no prompt", name)
	}
	m = typeText(t, m, text)
	m, _ = press(t, m, "enter")
	return m
}

func TestOptionsChangeTheLiveSession(t *testing.T) {
	t.Parallel()
	coll, url := newCollector(t)
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = url })
	m, _ = press(t, m, "O")

	selectOption(t, m, "encoding")
	m, _ = press(t, m, "enter", "down", "enter") // json → proto
	if enc := m.common.Session.Outbox().Encoding(); enc != outbox.EncodingProto || !optionsOpen(m) {
		t.Fatalf("encoding %s, back in the options: %v", enc, optionsOpen(m))
	}
	selectOption(t, m, "128-bit trace IDs")
	m, _ = press(t, m, "enter")
	for _, c := range []struct{ name, text, want string }{
		{"batch size", "2", "Batch size: 100 → 2"},
		{"timeout", "2s", "Timeout: 5s → 2s"},
		{"retries", "0", "Retries: 3 → 0"},
		{"query URL", "http://127.0.0.1:16686", "Query URL"},
	} {
		m = setOption(t, m, c.name, c.text)
		if !strings.Contains(m.status, c.want) || !optionsOpen(m) {
			t.Errorf("%s: status %q", c.name, m.status)
		}
	}
	cfg := m.common.Session.Config()
	if !cfg.TraceID128 || cfg.Batch != 2 || cfg.Timeout.String() != "2s" || cfg.Retries != 0 || cfg.Query != "http://127.0.0.1:16686" {
		t.Fatalf("config after O: %+v", cfg)
	}

	// A header: the value is hidden as it is typed and masked in the list.
	selectOption(t, m, "+ add a header")
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "X-Api-Key")
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "s3cr3tvalue")
	if strings.Contains(m.View(), "s3cr3tvalue") {
		t.Error("the header value is on screen as it is typed")
	}
	m, _ = press(t, m, "enter")
	if v := m.View(); strings.Contains(v, "s3cr3tvalue") || !strings.Contains(v, "header X-Api-Key") {
		t.Errorf("header row missing or unmasked:\n%s", v)
	}
	want := []string{"128-bit IDs", "1 header", "batch 2", "timeout 2s", "retries 0", "query http://127.0.0.1:16686"}
	if have := dialog.NonDefaultSettings(m.common.Session.Config()); strings.Join(have, "|") != strings.Join(want, "|") {
		t.Errorf("non-default settings: want %q, have %q", want, have)
	}
	if top := strings.Join(viewLines(m)[:2], "\n"); !strings.Contains(top, "set 128-bit IDs · 1 header") || !strings.Contains(top, "more in O") {
		t.Errorf("the top bar does not show what is not default: %q", top)
	}
	m, _ = press(t, m, "esc")
	if m.dialog != nil {
		t.Fatal("esc did not close the options")
	}

	// The next flush uses all of it.
	m, _ = press(t, m, "n", "enter", "c", "enter", "c", "enter", "f", "up", "f", "up", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	posts := coll.Take()
	if len(posts) != 2 { // 3 spans, batch 2
		t.Fatalf("%d POSTs, want 2 (status %q)", len(posts), m.status)
	}
	for _, p := range posts {
		if p.Header.Get("Content-Type") != "application/x-protobuf" || p.Header.Get("X-Api-Key") != "s3cr3tvalue" {
			t.Errorf("POST headers: %v", p.Header)
		}
	}
	if id := m.tree.Selected().Context.TraceID.String(); len(id) != 32 {
		t.Errorf("trace ID %s is not 128-bit", id)
	}

	// d removes the header.
	m, _ = press(t, m, "O")
	selectOption(t, m, "header X-Api-Key")
	m, _ = press(t, m, "d")
	if len(m.common.Session.Config().Headers) != 0 || !strings.Contains(m.status, "removed") {
		t.Errorf("d: headers %v, status %q", m.common.Session.Config().Headers, m.status)
	}
}

// Invalid values are refused inline with the flag's own error, and nothing
// changes.
func TestOptionsRefuseWhatTheFlagsRefuse(t *testing.T) {
	t.Parallel()
	_, url := newCollector(t)
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = url })
	m, _ = press(t, m, "O")
	for _, c := range []struct{ name, text, want string }{
		{"batch size", "0", "batch must be between 1 and 100000, got 0"},
		{"batch size", "ten", `want a whole number, got "ten"`},
		{"timeout", "5", `want a duration such as 5s or 500ms, got "5"`},
		{"timeout", "2h", "timeout must be more than 0 and at most 1h0m0s"},
		{"retries", "-1", "retries must be between 0 and 100"},
		{"query URL", "localhost:16686", "query URL is malformed"},
		{"ip", "example.com", "is not an IP address"},
	} {
		selectOption(t, m, c.name)
		m, _ = press(t, m, "enter")
		m = typeText(t, m, c.text)
		if p := promptOf(m); p == nil || !strings.Contains(p.Err, c.want) {
			t.Errorf("%s %q: want %q inline, have %+v", c.name, c.text, c.want, p)
			continue
		}
		m, _ = press(t, m, "enter")
		if promptOf(m) == nil {
			t.Errorf("%s %q: accepted", c.name, c.text)
		}
		m, _ = press(t, m, "esc")
	}
	if cfg := m.common.Session.Config(); cfg.Batch != 100 || cfg.Timeout.String() != "5s" || cfg.Retries != 3 || cfg.Query != "" {
		t.Errorf("a refused value changed the session: %+v", cfg)
	}
	// v1 on a v2 path is refused in the list, which stays open.
	selectOption(t, m, "encoding")
	m, _ = press(t, m, "enter", "down", "down")
	list := m.dialog
	before := flat(list.View())
	m, _ = press(t, m, "enter")
	if m.dialog != list || list.Closed() || strings.Contains(before, "/api/v2/spans does not take") || !strings.Contains(flat(list.View()), "/api/v2/spans does not take") || !strings.Contains(flat(list.View()), "the /api/v1/spans path") || m.common.Session.Outbox().Encoding() != outbox.EncodingJSON {
		t.Errorf("v1 on /api/v2/spans: dialog %T, before enter:\n%s\nafter:\n%s", m.dialog, before, list.View())
	}
}

// The delivery log's hints name the TUI key, not a flag.
func TestHintsNameTheKey(t *testing.T) {
	t.Parallel()
	coll, url := newCollector(t)
	coll.SetStatus(http.StatusRequestEntityTooLarge)
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = url })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if v := m.View(); !strings.Contains(v, "lower the batch size in O") || strings.Contains(v, "--batch") {
		t.Errorf("413 hint:\n%s", v)
	}
}

// The top bar shows the encoding actually sent (the path picks v1), and
// ctrl+c closes the options without quitting.
func TestOptionsTopBarAndCtrlC(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = "http://127.0.0.1:9/api/v1/spans" })
	if top := strings.Join(viewLines(m)[:2], "\n"); !strings.Contains(top, "enc v1") {
		t.Errorf("top bar: %q", top)
	}
	m, _ = press(t, m, "O")
	if v := m.View(); !strings.Contains(v, "v1 (the /api/v1/spans path)") {
		t.Errorf("the encoding row does not say the path chose v1:\n%s", v)
	}
	m, cmd := press(t, m, "ctrl+c")
	if m.dialog != nil || m.quitting || cmd != nil {
		t.Errorf("ctrl+c in the options: dialog %T, quitting %v", m.dialog, m.quitting)
	}
}
