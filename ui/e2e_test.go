//go:build e2e

package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/testkit"
)

// tmuxSession is the binary running in a detached 120×40 tmux terminal, "z".
type tmuxSession struct {
	*testkit.Tmux
	t *testing.T
}

func startTmux(t *testing.T, command string) *tmuxSession {
	ts := &tmuxSession{Tmux: testkit.NewTmux(t, "zp-e2e-"), t: t}
	ts.Open("z", 120, 40, command)
	return ts
}

func (ts *tmuxSession) tmux(args ...string) string { return ts.Run(args...) }

func (ts *tmuxSession) screen() string { return ts.Screen("z") }

// waitFor polls the screen until it shows want.
func (ts *tmuxSession) waitFor(want string) string { return ts.WaitFor("z", want, 15*time.Second) }

// keys sends one key per call, as a person types.
func (ts *tmuxSession) keys(ks ...string) { ts.Keys("z", ks...) }

func (ts *tmuxSession) typeText(text string) { ts.Type("z", text) }

// buildWithJaeger builds the binary the tmux tests drive and starts Jaeger.
func buildWithJaeger(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "zipkin-playground")
	if out, err := exec.Command("go", "build", "-o", bin, "zipkin-playground").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	jaegertest.Start(t)
	return bin
}

// TestTmuxAgainstJaeger drives the real binary in tmux with the README's keys,
// flushes to Jaeger, and compares the IDs the B3 view showed with what
// Jaeger's query API returns.
func TestTmuxAgainstJaeger(t *testing.T) {
	bin := buildWithJaeger(t)
	ts := startTmux(t, "env NO_COLOR=1 "+bin+" --service e2e-tui --endpoint "+jaegertest.ZipkinURL)
	screen, waitFor, keys, typeText := ts.screen, ts.waitFor, ts.keys, ts.typeText
	waitFor("Press n to start a new trace")
	keys("n")
	waitFor("span name")
	typeText("checkout")
	keys("Enter", "K", "c")
	waitFor("next kind: CLIENT")
	typeText("charge")
	keys("Enter", "t")
	typeText("amount=42")
	keys("Enter", "f")
	childScreen := waitFor("queued")
	keys("k", "f", "F")
	final := waitFor("Delivered 2 spans")

	checkJaegerTrace(t, final, childScreen)
	keys("q")
	time.Sleep(500 * time.Millisecond)
	if ts.Has("z") {
		t.Errorf("q with everything delivered did not quit:\n%s", screen())
	}
	_ = os.Remove(bin)
}

// checkJaegerTrace reads the trace whose IDs the screens showed back from
// Jaeger and checks names, parent, tag and kind.
func checkJaegerTrace(t *testing.T, final, childScreen string) {
	idRe := regexp.MustCompile(`X-B3-TraceId: ([0-9a-f]{16,32})`)
	spanRe := regexp.MustCompile(`X-B3-SpanId: ([0-9a-f]{16})`)
	traceID := idRe.FindStringSubmatch(final)
	rootID := spanRe.FindStringSubmatch(final)
	childID := spanRe.FindStringSubmatch(childScreen)
	if traceID == nil || rootID == nil || childID == nil {
		t.Fatalf("no IDs on screen:\n%s", final)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := jaegertest.WaitTrace(ctx, traceID[1], 2)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]jaegertest.Span{}
	for _, sp := range tr.Spans {
		byID[sp.SpanID] = sp
	}
	root, child := byID[rootID[1]], byID[childID[1]]
	if root.OperationName != "checkout" || child.OperationName != "charge" {
		t.Fatalf("Jaeger has %+v", tr.Spans)
	}
	if child.ParentID() != rootID[1] {
		t.Errorf("child's parent in Jaeger: %s, screen said %s", child.ParentID(), rootID[1])
	}
	if v, _ := child.Tag("amount"); v != "42" {
		t.Errorf("tag amount: %q", v)
	}
	if v, _ := child.Tag("span.kind"); v != "client" {
		t.Errorf("kind: %q", v)
	}
}

// TestTmuxOptionsProto128 switches to proto and 128-bit trace IDs with O in
// the running binary, flushes to Jaeger and reads the trace back: a 32-hex
// trace ID, and the span name's case kept (proto3 keeps it; zipkin-go's JSON
// serializer would lowercase it).
func TestTmuxOptionsProto128(t *testing.T) {
	bin := buildWithJaeger(t)
	ts := startTmux(t, "env NO_COLOR=1 "+bin+" --service e2e-options --endpoint "+jaegertest.ZipkinURL)
	ts.waitFor("Press n to start a new trace")
	ts.keys("O")
	ts.waitFor("Options — each is also a flag")
	ts.keys("Enter", "Down", "Enter") // encoding → proto
	ts.waitFor("Encoding: json → proto")
	ts.keys("Down", "Enter") // 128-bit trace IDs
	ts.waitFor("128-bit trace IDs: off → on")
	ts.keys("Escape", "n")
	ts.waitFor("span name")
	ts.typeText("PlaceOrder")
	ts.keys("Enter", "f")
	ts.waitFor("enc proto")
	screen := ts.waitFor("queued")
	ts.keys("F")
	ts.waitFor("Delivered 1 span")

	traceID := regexp.MustCompile(`X-B3-TraceId: ([0-9a-f]{32})\b`).FindStringSubmatch(screen)
	if traceID == nil {
		t.Fatalf("no 128-bit trace ID on screen:\n%s", screen)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := jaegertest.WaitTrace(ctx, traceID[1], 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Spans) != 1 || tr.Spans[0].TraceID != traceID[1] || tr.Spans[0].OperationName != "PlaceOrder" {
		t.Errorf("Jaeger has %+v, want trace %s with PlaceOrder", tr.Spans, traceID[1])
	}
	ts.keys("q")
}
