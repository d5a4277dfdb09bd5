package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"
)

// t0 is the demo's clock: spans start from it, the screen's now is after it.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// demoModel is the state the goldens show: a checkout trace with a CLIENT
// call joined by its SERVER span, a failing validation with a tag, an error
// and an annotation, the running root, the B3 view in single format, and a
// flush that failed (nothing listens on port 9) — the CLIENT span selected.
func demoModel(t *testing.T, w, h int, mutate ...func(*tracing.Config)) (*Model, map[string]*tracing.Node) {
	t.Helper()
	remote := func(c *tracing.Config) {
		c.Endpoint = "http://127.0.0.1:9/" + pathToken + "/api/v2/spans"
		c.Retries = 0 // one attempt: the screens show the refusal, not the backoff
	}
	m := newModel(t, w, h, append([]func(*tracing.Config){remote}, mutate...)...)
	m.common.Now = func() time.Time { return t0.Add(1500 * time.Millisecond) }
	s := m.common.Session
	kind := func(k model.Kind) *model.Kind { return &k }
	start := func(parent *tracing.Node, name string, k *model.Kind, at time.Duration) *tracing.Node {
		n, err := s.Start(parent, tracing.SpanOptions{Name: name, Kind: k, Start: t0.Add(at)})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	spans := map[string]*tracing.Node{}
	spans["root"] = start(nil, "checkout", nil, 0)
	spans["client"] = start(spans["root"], "charge card", kind(model.Client), 5*time.Millisecond)
	spans["server"] = start(spans["client"], "charge card", kind(model.Server), 6*time.Millisecond)
	spans["leaf"] = start(spans["server"], "validate", nil, 7*time.Millisecond)
	if err := s.Tag(spans["leaf"], "card.type", "visa"); err != nil {
		t.Fatal(err)
	}
	if err := s.Error(spans["leaf"], "card declined"); err != nil {
		t.Fatal(err)
	}
	if err := s.AnnotateAt(spans["leaf"], t0.Add(9*time.Millisecond), "fraud check done"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"leaf", 4 * time.Millisecond}, {"server", 8 * time.Millisecond}, {"client", 12 * time.Millisecond}} {
		if err := s.FinishWithDuration(spans[f.name], f.d); err != nil {
			t.Fatal(err)
		}
	}
	m, cmd := press(t, m, "b", "F")
	m = settle(t, m, cmd)
	for _, e := range m.log.Entries { // the clock of the log, fixed
		if e.Result != nil {
			e.Result.At, e.Result.Latency = t0.Add(2*time.Second), 2*time.Millisecond
		}
	}
	m.tree.Select(spans["client"])
	m.Update(nil) // lay out again
	return m, spans
}

var hexID = regexp.MustCompile(`[0-9a-f]{16}`)

// normalIDs replaces the random IDs with stable ones of the same width, in
// the order they first appear, so the layout is compared, not the IDs.
func normalIDs(s string) string {
	seen := map[string]string{}
	return hexID.ReplaceAllStringFunc(s, func(id string) string {
		if _, ok := seen[id]; !ok {
			seen[id] = fmt.Sprintf("%016x", 0xa0000000+len(seen)+1)
		}
		return seen[id]
	})
}

func checkGolden(t *testing.T, name, have string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updateGolden() {
		if err := os.WriteFile(path, []byte(have), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update)", err, t.Name())
	}
	if string(want) != have {
		t.Errorf("screen differs from %s:\n%s", path, have)
	}
}

// TestDemoScreens: the same state at 80×24, 120×40 and 200×60, compared with
// goldens and checked for what must be readable at each size.
func TestDemoScreens(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, spans := demoModel(t, size[0], size[1])
			view := m.View()
			client := spans["client"]
			for _, want := range []string{client.Context.TraceID.String(), client.Context.ID.String(),
				client.Context.ParentID.String(), "CLIENT", "sampled", "why", "delivery", "failed",
				"/****/api/v2/spans", "running 1 · queued 0 · delivered 0 · failed 3", "? help", "connection refused"} {
				if !strings.Contains(view, want) {
					t.Errorf("%q is not on screen", want)
				}
			}
			b3 := fmt.Sprintf("b3: %s-%s-1-%s", client.Context.TraceID, client.Context.ID, *client.Context.ParentID)
			// Whole: wrapped in the pane, every line of it on screen.
			if hdr := m.headers.Lines(); !strings.Contains(strings.Join(hdr, ""), b3) {
				t.Errorf("the single b3 header is not whole: %s in %q", b3, hdr)
			} else {
				for _, l := range hdr {
					if !strings.Contains(view, l) {
						t.Errorf("%q of the B3 headers is not on screen", l)
					}
				}
			}
			if strings.Contains(view, "aokcdqnxyz") {
				t.Error("the path token is on screen")
			}
			lines := strings.Split(view, "\n")
			if len(lines) != size[1] {
				t.Errorf("%d lines", len(lines))
			}
			for i, l := range lines {
				if w := len([]rune(l)); w != size[0] {
					t.Errorf("line %d is %d wide", i, w)
				}
			}
			checkGolden(t, fmt.Sprintf("demo-%dx%d", size[0], size[1]), normalIDs(view))
		})
	}
}

// TestNoColourSelectionAndFocus: with NO_COLOR (and the Ascii profile, which
// drops reverse video too) the selection is the ▶ marker and the focused
// pane is the ▸ in its title and its heavy border.
func TestNoColourSelectionAndFocus(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "n", "enter", "c", "enter")
	before := m.View()
	if strings.Contains(before, "\x1b") {
		t.Fatal("escape sequences under NO_COLOR")
	}
	selectedRow := func(view string) int {
		for i, l := range strings.Split(view, "\n") {
			if strings.Contains(l, "▶") {
				return i
			}
		}
		return -1
	}
	m, _ = press(t, m, "k")
	after := m.View()
	if b, a := selectedRow(before), selectedRow(after); b < 0 || a != b-1 {
		t.Errorf("the ▶ marker does not follow k: row %d then %d", b, a)
	}
	focusedTitle := func(view string) string {
		for _, l := range strings.Split(view, "\n") {
			if i := strings.Index(l, component.FocusMark); i >= 0 {
				return strings.Fields(l[i+len(component.FocusMark):])[0]
			}
		}
		return ""
	}
	if have := focusedTitle(after); have != "Spans" || !strings.Contains(after, "┏━ ▸ Spans") {
		t.Errorf("focus marker on %q, want the span tree", have)
	}
	for _, want := range []string{"Received", "Inspector", "B3", "Delivery"} {
		m, _ = press(t, m, "tab")
		if have := focusedTitle(m.View()); have != want {
			t.Errorf("after tab: focus marker on %q, want %q", have, want)
		}
		if n := strings.Count(m.View(), component.FocusMark); n != 1 {
			t.Errorf("%d focus markers", n)
		}
	}
}

// TestInspectorScrollsToTheAnnotations: at 80×24 the inspector does not hold
// every row of a tagged, annotated span; tab reaches it and it scrolls.
func TestInspectorScrollsToTheAnnotations(t *testing.T) {
	t.Parallel()
	m, spans := demoModel(t, 80, 24)
	m.tree.Select(spans["leaf"])
	m.Update(nil)
	if v := m.View(); strings.Contains(v, "fraud check done") || !strings.Contains(v, "more (tab)") {
		t.Fatalf("the test needs an inspector taller than the pane, and a note saying so:\n%s", v)
	}
	for !m.inspector.Focused() {
		m, _ = press(t, m, "tab")
	}
	m, _ = press(t, m, "G")
	if v := m.View(); !strings.Contains(v, "fraud check done") || !strings.Contains(v, "card declined") {
		t.Errorf("G in the focused inspector does not reach the annotations:\n%s", v)
	}
	m, _ = press(t, m, "g")
	if v := m.View(); !strings.Contains(v, spans["leaf"].Context.ID.String()) {
		t.Errorf("g does not return to the IDs:\n%s", v)
	}
}

// TestSmallScreensKeepCountsAndHelp: at 60×20 and 40×12 the panes stack, the
// counts stay on the top line and the help line still ends with "? help".
func TestSmallScreensKeepCountsAndHelp(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w, h   int
		counts string
	}{
		{60, 20, "running 1 · queued 0 · delivered 0 · failed 3"},
		{40, 12, "run 1 · queued 0 · deliv. 0 · failed 3"},
	} {
		m, spans := demoModel(t, c.w, c.h)
		if l := m.screen.layout(); !l.Stacked || !l.Compact {
			t.Errorf("%d×%d: panes side by side", c.w, c.h)
		}
		lines := viewLines(m)
		if !strings.Contains(strings.Join(lines[:2], "\n"), c.counts) {
			t.Errorf("%d×%d: counts %q not at the top:\n%s", c.w, c.h, c.counts, m.View())
		}
		if last := strings.TrimSpace(lines[len(lines)-1]); !strings.HasSuffix(last, "? help") {
			t.Errorf("%d×%d: help line %q", c.w, c.h, last)
		}
		// The selected span's IDs are reachable: on screen, or after tab to
		// the inspector.
		for !m.inspector.Focused() {
			m, _ = press(t, m, "tab")
		}
		if v := m.View(); !strings.Contains(v, spans["client"].Context.ID.String()) {
			t.Errorf("%d×%d: the focused inspector does not show the span ID:\n%s", c.w, c.h, v)
		}
	}
}

// TestReceivedBesideWhenWide: from 160 columns what the embedded receiver got
// is a third column, without tab; narrower, the status points to tab.
func TestReceivedBesideWhenWide(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w, h   int
		beside bool
		status string
	}{{200, 60, true, "Received pane, right"}, {120, 40, false, "tab → what the receiver got"}} {
		m := newModel(t, c.w, c.h)
		d := newDriver(t, m)
		d.run(m.Init()) // the receiver's stream
		d.press("n")
		m = typeText(t, m, "checkout")
		d.press("enter", "f", "F")
		d.until("flushed and received", 5*time.Second, func(m *Model) bool {
			return !m.log.Flushing() && m.received.Stats.Spans == 1
		})
		if !strings.Contains(m.status, c.status) {
			t.Errorf("%d×%d: status %q", c.w, c.h, m.status)
		}
		v := m.View()
		if have := strings.Contains(v, "Received by the embedded receiver · 1 span"); have != c.beside {
			t.Errorf("%d×%d: Received pane shown without tab: %v\n%s", c.w, c.h, have, v)
		}
		if c.beside && !strings.Contains(v, "trace "+m.common.Session.Tree().At(0).Context.TraceID.String()) {
			t.Errorf("the Received pane does not show the trace:\n%s", v)
		}
	}
}

// TestNothingFromOutsideRaw: escape sequences in a span name, a tag,
// an annotation and a server message are shown escaped, never sent to the
// terminal.
func TestNothingFromOutsideRaw(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	// As a loaded scenario or a pasted name brings them (the text input
	// drops control keys, so they do not come from typing).
	s := m.common.Session
	n, err := s.NewTrace("evil\x1b[2J")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Tag(n, "k", "\x1b]52;c;aGk=\x07"); err != nil {
		t.Fatal(err)
	}
	if err := s.Annotate(n, "note\x1b[31m"); err != nil {
		t.Fatal(err)
	}
	m.tree.Select(n)
	m.Update(component.FlushResultMsg{Result: outbox.DeliveryResult{Batch: 1, Batches: 1, Status: 400, At: t0,
		Message: "rejected \x1b[2J\x9b31m", Class: outbox.ClassBadRequest, Hint: "the server rejected the payload"}})
	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07\u009b") || !utf8.ValidString(v) {
		t.Fatalf("a control character reaches the terminal:\n%q", v)
	}
	for _, want := range []string{`evil\x1b[2J`, `k=\x1b]52;c;aGk=\x07`, `note\x1b[31m`, `rejected \x1b[2J\x9b31m`} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not shown escaped:\n%s", want, v)
		}
	}
}

var (
	anyPort        = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	elapsedPadding = regexp.MustCompile(`ELAPSED +`)
	anyElapsed     = regexp.MustCompile(`(batch \(|spans in |as sent \()\d+(\.\d+)?(µs|ms|s)`)
)

// TestReceivedBesideGolden: the demo delivered to the embedded receiver at
// 200×60 — what arrived is a third column, as a waterfall.
func TestReceivedBesideGolden(t *testing.T) {
	t.Parallel()
	m, spans := demoModel(t, 200, 60, func(c *tracing.Config) { c.Endpoint = "" })
	m.Update(pane.ReceivedLayoutMsg{}) // the stream's wait is not run here
	m.Update(nil)
	v := m.View()
	for _, want := range []string{"Received by the embedded receiver · 3 spans in 1 batch", "validate", "12.0ms",
		"What arrived is in the Received pane, right", "trace " + spans["root"].Context.TraceID.String()} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen", want)
		}
	}
	v = anyElapsed.ReplaceAllString(anyPort.ReplaceAllString(v, "127.0.0.1:PORT"), "${1}ELAPSED")
	// Each line is padded to the width: a shorter or longer elapsed time
	// changes the padding (at the line's end or before a pane's border), not
	// the screen.
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = elapsedPadding.ReplaceAllString(strings.TrimRight(l, " "), "ELAPSED ")
	}
	checkGolden(t, "received-200x60", normalIDs(strings.Join(lines, "\n")))
}

// TestStatusWrapsWhole: a long status (a receiver note, a hint) is read
// whole at 80×24, over up to three lines.
func TestStatusWrapsWhole(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	long := "Welcome! Press n to start a new trace; ? shows every key. Note: 127.0.0.1:9411 is taken: " +
		"the embedded receiver listens on 127.0.0.1:41677 instead. Note: it listens beyond loopback with no authentication."
	m.setStatus("%s", long)
	m.Update(nil)
	lines := viewLines(m)
	if len(lines) != 24 {
		t.Fatalf("%d lines", len(lines))
	}
	status := strings.Join(lines[len(lines)-4:len(lines)-1], " ")
	for _, w := range strings.Fields(long) {
		if !strings.Contains(status, w) {
			t.Errorf("%q of the status is not on screen:\n%s", w, m.View())
		}
	}
}
