package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"
)

// A SERVER child of a plain local span is refused with the way out, in a
// prompt that takes the name typed next (so it runs no command); the same key
// works once the parent is a CLIENT.
func TestServerChildRefusedUnlessParentIsClient(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "K", "K") // a root of no kind; next kind SERVER
	m, _ = press(t, m, "c")
	if !isRefusal(m, "make its parent a CLIENT span first") || !m.statusBad {
		t.Fatalf("SERVER under a local root must be refused with the explanation: status %q", m.status)
	}
	m = typeText(t, m, "fetch") // the name meant for the prompt: f would finish the root
	m, _ = press(t, m, "enter")
	if root := m.common.Session.Tree().At(0); root.Finished || m.dialog != nil {
		t.Fatalf("the typing after a refusal ran as commands: root finished %v, dialog %v", root.Finished, m.dialog)
	}
	if want, have := 1, m.common.Session.Tree().Len(); want != have {
		t.Fatalf("nothing may be added: want %d spans, have %d", want, have)
	}
	if m.common.Keys.Child.Enabled() {
		t.Error("c must be disabled (with the reason in the help) while it would be refused")
	}
	// Back to none, then a CLIENT child, then its SERVER side.
	m, _ = press(t, m, "K", "K", "K", "K", "c", "enter", "K", "K", "c", "enter")
	srv := m.tree.Selected()
	if srv == nil || srv.Kind != model.Server || !srv.Key.Shared || srv.Context.ID != srv.Parent.Context.ID {
		t.Fatalf("SERVER under CLIENT must be the shared span: %+v", srv)
	}
	// The inspector never calls a shared span the trace's root.
	if v := m.inspector.View(); strings.Contains(v, "trace's root") || !strings.Contains(v, "copied from its CLIENT") {
		t.Errorf("inspector of a shared SERVER span under a CLIENT child of the root:\n%s", v)
	}
}

// R sets the remote endpoint of the selected running span; bad input keeps
// the prompt open with the reason.
func TestRemoteEndpointKey(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "K", "n", "enter", "R")
	if promptOf(m) == nil {
		t.Fatal("R must open the remote endpoint prompt")
	}
	m = typeText(t, m, "payments example.com")
	if p := promptOf(m); p == nil || !strings.Contains(p.Err, "not an IP address") {
		t.Fatalf("a host name is refused live (no DNS): %+v", p)
	}
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil {
		t.Fatal("a refused value keeps the prompt open")
	}
	for range len("example.com") {
		m, _ = press(t, m, "backspace")
	}
	m = typeText(t, m, "10.0.0.7:8080")
	m, _ = press(t, m, "enter")
	n := m.tree.Selected()
	if e := n.RemoteEndpoint; e == nil || e.ServiceName != "payments" || e.IPv4.String() != "10.0.0.7" || e.Port != 8080 {
		t.Fatalf("remote endpoint: %+v", n.RemoteEndpoint)
	}
	if v := m.inspector.View(); !strings.Contains(v, "payments 10.0.0.7:8080") {
		t.Errorf("the inspector shows the remote endpoint:\n%s", v)
	}
	m, _ = press(t, m, "f", "R")
	if !isRefusal(m, "finished") || !m.statusBad {
		t.Error("R on a finished span is refused: zipkin-go reported it already")
	}
}

// i explains the selected span with its own values, the lowercasing
// included; tab shows the glossary; esc closes. A focused pane is explained
// instead when it has focus.
func TestExplainSpanPaneAndGlossary(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n")
	m = typeText(t, m, "GET /checkout")
	m, _ = press(t, m, "enter", "i")
	d, ok := m.dialog.(*component.ExplainDialog)
	if !ok {
		t.Fatalf("i must open the explain dialog, have %T", m.dialog)
	}
	n := m.tree.Selected()
	all := strings.Join(d.Lines(), "\n")
	for _, want := range []string{n.Context.TraceID.String(), `"GET /checkout" arrives as "get /checkout"`, "trace's root", "Sampled"} {
		if !strings.Contains(strings.Join(strings.Fields(all), " "), want) {
			t.Errorf("explanation lacks %q:\n%s", want, all)
		}
	}
	m, _ = press(t, m, "tab")
	if !strings.Contains(d.View(), "Glossary") || !strings.Contains(strings.Join(d.Lines(), " "), "remote endpoint") {
		t.Errorf("tab shows the glossary:\n%s", d.View())
	}
	if !strings.Contains(d.View(), "more below") {
		t.Fatalf("the glossary should not fit 120×40:\n%s", d.View())
	}
	for range d.Lines() {
		m, _ = press(t, m, "down") // scrolls to the end (never past it: the dialog's own test)
	}
	if strings.Contains(d.View(), "more below") {
		t.Errorf("down did not scroll the glossary to its end:\n%s", d.View())
	}
	m, _ = press(t, m, "esc")
	if m.dialog != nil || m.mode != modeBrowse {
		t.Fatal("esc closes the explanation")
	}
	m.screen.focus(m.log)
	m, _ = press(t, m, "i")
	if d, ok := m.dialog.(*component.ExplainDialog); !ok || !strings.Contains(d.Title(), "delivery log") ||
		!strings.Contains(strings.Join(d.Lines(), " "), "HTTP status") {
		t.Errorf("i on the delivery log explains its columns")
	}
	m, _ = press(t, m, "esc")
	m.screen.focus(m.headers)
	m, _ = press(t, m, "i")
	if d, ok := m.dialog.(*component.ExplainDialog); !ok || !strings.Contains(strings.Join(d.Lines(), " "), "X-B3-ParentSpanId") {
		t.Errorf("i on the B3 headers explains each header")
	}
}

// A multi-line bracketed paste keeps its lines apart and is previewed as
// understood; a bad value is refused with the precise reason.
func TestPasteMultiLineB3(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "P")
	paste := "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7\r\nX-B3-SpanId: e457b5a2e4d86bd1\nX-B3-ParentSpanId: 05e3ac9a4f6e3b90\nX-B3-Sampled: 1\n"
	next, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(paste), Paste: true})
	m = next.(*Model)
	p := promptOf(m)
	if p == nil || p.Err != "" {
		t.Fatalf("a multi-line paste must be understood: %v", p != nil && p.Err == "")
	}
	if want := "understood: trace 80f198ee56343ba864fe8b2a57d3eff7, parent span e457b5a2e4d86bd1, sampled"; !strings.HasPrefix(p.Note, want) {
		t.Errorf("preview: want %q…, have %q", want, p.Note)
	}
	m, _ = press(t, m, "enter")
	n := m.tree.Selected()
	if n == nil || n.Context.TraceID.String() != "80f198ee56343ba864fe8b2a57d3eff7" || n.Context.ParentID.String() != "e457b5a2e4d86bd1" {
		t.Fatalf("continued span: %+v", n)
	}
	m, _ = press(t, m, "P")
	m = typeText(t, m, "b3: 80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1")
	if p := promptOf(m); p == nil || !strings.Contains(p.Err, "lower") {
		t.Errorf("uppercase hex is refused with the reason")
	}
}

// Where a name changes on the way, the status says so when the span starts;
// a paste with SERVER next says the new span joins the pasted one.
func TestLowercasingAndServerPasteAreSaid(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n")
	m = typeText(t, m, "GET /checkout")
	m, _ = press(t, m, "enter")
	if !strings.Contains(m.status, `(sent as "get /checkout"`) {
		t.Errorf("status: %q", m.status)
	}
	m, _ = press(t, m, "n", "enter")
	if strings.Contains(m.status, "sent as") {
		t.Errorf("a lowercase name needs no note: %q", m.status)
	}
	m, _ = press(t, m, "K", "K", "P")
	m = typeText(t, m, "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
	if p := promptOf(m); p == nil || !strings.Contains(p.Note, "joins the pasted span") {
		t.Fatalf("SERVER paste preview: %v", p != nil && p.Note != "")
	}
	m, _ = press(t, m, "enter")
	if n := m.tree.Selected(); n == nil || !n.Key.Shared || n.Context.ID.String() != "e457b5a2e4d86bd1" {
		t.Errorf("SERVER under a pasted context joins it")
	}
	if v := m.inspector.View(); strings.Contains(v, "trace's root") || !strings.Contains(v, "copied from the pasted caller") {
		t.Errorf("inspector of a shared span under a pasted context:\n%s", v)
	}
}
