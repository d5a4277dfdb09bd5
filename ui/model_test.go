package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
)

func TestFirstScreenSaysWhatToPress(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	v := m.View()
	for _, want := range []string{"embedded receiver http://127.0.0.1:", "Press n to start a new trace", "n new trace", "sampler always"} {
		if !strings.Contains(v, want) {
			t.Errorf("first screen lacks %q", want)
		}
	}
}

func TestNewTraceEmptyNameUsesDefaultAndSelects(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n")
	if promptOf(m) == nil || !strings.Contains(promptOf(m).Title(), "span name") {
		t.Fatal("n did not open the span name prompt")
	}
	if !strings.Contains(m.View(), "next kind: none") {
		t.Error("name prompt does not show the kind that will be used")
	}
	m, _ = press(t, m, "enter")
	sel := m.tree.Selected()
	if sel == nil || sel.Name != tracing.DefaultSpanName || sel.Parent != nil {
		t.Fatalf("selected after n: %+v", sel)
	}
	m, _ = press(t, m, "c")
	m = typeText(t, m, "db query")
	m, _ = press(t, m, "enter")
	child := m.tree.Selected()
	if child == nil || child.Name != "db query" || child.Parent != sel {
		t.Fatalf("after c the new child is not selected: %+v", child)
	}
	if want, have := sel.Context.ID, *child.Context.ParentID; want != have {
		t.Errorf("child's parent ID: want %s, have %s", want, have)
	}
}

// isRefusal says whether the dialog is the prompt that shows why a key was
// refused, with want in it.
func isRefusal(m *Model, want string) bool {
	p := promptOf(m)
	return p != nil && strings.Contains(p.Title(), "refused") && strings.Contains(p.Title(), want)
}

func TestKeysWithNoSpanSelected(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"c", "f", "t", "e", "a"} {
		m := newModel(t, 120, 40)
		m, _ = press(t, m, k)
		if opens := k != "f"; opens != isRefusal(m, "no span selected") {
			t.Errorf("%s: a key that opens a prompt opens it with the refusal (and only such a key): %v", k, m.dialog)
		}
		if !m.statusBad || !strings.Contains(m.status, "no span selected") {
			t.Errorf("%s: status %q", k, m.status)
		}
	}
}

func TestFinishedSpanRefusesEdits(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f")
	if !m.tree.Selected().Finished {
		t.Fatal("f did not finish the span")
	}
	m, _ = press(t, m, "f")
	if !strings.Contains(m.status, "already finished") {
		t.Errorf("second f: %q", m.status)
	}
	for _, k := range []string{"t", "e", "a"} {
		m, _ = press(t, m, k)
		if !isRefusal(m, "is finished") || !strings.Contains(m.status, "is finished") {
			t.Errorf("%s on a finished span: dialog %v, status %q", k, m.dialog, m.status)
		}
		m, _ = press(t, m, "esc")
	}
}

func TestTagPromptRefusesInline(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "t")
	m = typeText(t, m, "novalue")
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil || !strings.Contains(promptOf(m).Err, "= is missing") {
		t.Fatalf("missing = not refused inline: %+v", promptOf(m))
	}
	for range "novalue" {
		m, _ = press(t, m, "backspace")
	}
	m = typeText(t, m, "=x")
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil || !strings.Contains(promptOf(m).Err, "needs a key") {
		t.Fatalf("empty key not refused: %+v", promptOf(m))
	}
	m, _ = press(t, m, "backspace", "backspace")
	m = typeText(t, m, "http.method=GET")
	m, _ = press(t, m, "enter")
	if promptOf(m) != nil {
		t.Fatal("prompt still open after a good tag")
	}
	if want, have := "GET", m.tree.Selected().Tags["http.method"]; want != have {
		t.Errorf("tag: want %q, have %q", want, have)
	}
	if !strings.Contains(m.View(), "http.method=GET") {
		t.Error("inspector does not show the tag")
	}
}

func TestErrorKeyTagsAndAnnotates(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "e")
	m = typeText(t, m, "card declined")
	m, _ = press(t, m, "enter", "a")
	m = typeText(t, m, "retry")
	m, _ = press(t, m, "enter")
	n := m.tree.Selected()
	if n.Tags["error"] != "card declined" {
		t.Errorf("error tag: %q", n.Tags["error"])
	}
	var values []string
	for _, a := range n.Annotations {
		values = append(values, a.Value)
	}
	if want := `{"event":"error","stack":"card declined"}`; len(values) != 2 || values[0] != want || values[1] != "retry" {
		t.Errorf("annotations: %q", values)
	}
}

func TestKindCycleAndSharedServer(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	want := []model.Kind{model.Client, model.Server, model.Producer, model.Consumer, model.Undetermined}
	for _, k := range want {
		m, _ = press(t, m, "K")
		if have := m.tree.NextKind(); have != k {
			t.Fatalf("K: want %q, have %q", k, have)
		}
	}
	m, _ = press(t, m, "K", "n", "enter", "K", "K", "c", "enter") // CLIENT root, SERVER child (K resets after each span)
	srv := m.tree.Selected()
	if !srv.Key.Shared || srv.Context.ID != srv.Parent.Context.ID || srv.Kind != model.Server {
		t.Errorf("SERVER child of a CLIENT: shared %v, IDs %s/%s", srv.Key.Shared, srv.Context.ID, srv.Parent.Context.ID)
	}
	if !strings.Contains(m.View(), "shared") {
		t.Error("the tree does not mark the shared span")
	}
}

func TestB3ViewCycleUnsampledAndDebug(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerNever} })
	m, _ = press(t, m, "n", "enter")
	v := m.View()
	if !strings.Contains(v, "X-B3-Sampled: 0") || !strings.Contains(v, "not sampled") {
		t.Error("unsampled trace: no X-B3-Sampled: 0 or marker")
	}
	m, _ = press(t, m, "b")
	if !strings.Contains(m.View(), "b3: "+m.tree.Selected().Context.TraceID.String()) {
		t.Error("single format does not show the b3 header")
	}
	m, _ = press(t, m, "b", "b")
	if !strings.Contains(m.View(), "x-b3-traceid: ") {
		t.Error("gRPC format does not show lowercase metadata")
	}
	m, _ = press(t, m, "b", "D", "enter")
	v = m.View()
	if !strings.Contains(v, "X-B3-Flags: 1") || strings.Contains(v, "X-B3-Sampled") {
		t.Errorf("debug trace headers wrong:\n%s", v)
	}
}

func TestFlushDeliversAndShowsEachBatch(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Batch = 2 })
	m, _ = press(t, m, "n", "enter", "c", "enter", "c", "enter", "f", "up", "f")
	// The root still runs: it is not sent, and the status says so.
	m, cmd := press(t, m, "F")
	if !m.log.Flushing() || !strings.Contains(m.status, "1 running span is not sent") {
		t.Fatalf("flush start: flushing %v, status %q", m.log.Flushing(), m.status)
	}
	m2, _ := press(t, m, "F")
	if !strings.Contains(m2.status, "already running") {
		t.Errorf("F during a flush: %q", m2.status)
	}
	m = settle(t, m, cmd)
	if m.log.Flushing() || !strings.Contains(m.status, "Delivered 2 spans in 1 batch") {
		t.Fatalf("after flush: %q", m.status)
	}
	if got := m.common.Session.Receiver().Stats().Spans; got != 2 {
		t.Errorf("receiver got %d spans, want 2", got)
	}
	if !strings.Contains(m.View(), "HTTP 202") || !strings.Contains(m.View(), "delivered") {
		t.Error("delivery log or tree does not show the 202")
	}
}

func TestFailedFlushThenRetryDeliversOnce(t *testing.T) {
	t.Parallel()
	var status atomic.Int32
	status.Store(http.StatusForbidden)
	var got atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st := int(status.Load()); st != http.StatusAccepted {
			http.Error(w, "forbidden", st)
			return
		}
		var spans []json.RawMessage
		_ = json.NewDecoder(r.Body).Decode(&spans)
		got.Add(int32(len(spans)))
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = srv.URL + secret.V2Path })
	m, _ = press(t, m, "n", "enter", "c", "enter", "f", "up", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if !m.statusBad || !strings.Contains(m.View(), "HTTP 403") || !strings.Contains(m.View(), "failed") {
		t.Fatalf("403 not shown: %q", m.status)
	}
	if !strings.Contains(m.View(), "auth segment") {
		t.Error("the 403 hint is missing from the log")
	}
	status.Store(http.StatusAccepted)
	m, cmd = press(t, m, "r")
	m = settle(t, m, cmd)
	if want, have := int32(2), got.Load(); want != have {
		t.Errorf("retry delivered %d spans, want %d exactly once", have, want)
	}
	if c := m.common.Session.Outbox().Counts(); c.Delivered != 2 || c.Undelivered() != 0 {
		t.Errorf("counts after retry: %+v", c)
	}
}

func TestQuitAsksWhenUndelivered(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, cmd := press(t, m, "q")
	if cmd == nil || (m.mode == modeConfirmQuit) {
		t.Fatal("q with nothing pending should quit at once")
	}
	m = newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f", "q")
	if !(m.mode == modeConfirmQuit) || !strings.Contains(m.status, "1 span not delivered — quit anyway? (y/n)") {
		t.Fatalf("no confirmation: %q", m.status)
	}
	m, _ = press(t, m, "n")
	if (m.mode == modeConfirmQuit) || m.common.Session.Tree().Len() != 1 {
		t.Fatal("n did not cancel the quit (or started a trace)")
	}
	m, _ = press(t, m, "q")
	m, cmd = press(t, m, "y")
	if cmd == nil || !m.quitting {
		t.Fatal("y did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("y did not return tea.Quit")
	}
}

func TestSeveralRunesActAsKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "KK") // one message, as tmux sends it
	if m.tree.NextKind() != model.Server {
		t.Fatalf("KK as one message: next kind %q", m.tree.NextKind())
	}
	// n opens the prompt; the rest of the paste is typed into it.
	m, _ = press(t, m, "nabc")
	if promptOf(m) == nil || promptOf(m).Value() != "abc" {
		t.Fatalf("rest of paste not typed into the prompt: %+v", promptOf(m))
	}
}

func TestSmallTerminals(t *testing.T) {
	t.Parallel()
	m := newModel(t, 39, 11)
	if !strings.Contains(m.View(), "terminal too small") {
		t.Error("39×11 does not say too small")
	}
	for _, size := range [][2]int{{40, 12}, {120, 40}, {80, 24}, {200, 60}} {
		for _, keys := range [][]string{nil, {"?"}, {"E"}, {"S"}} {
			m := newModel(t, size[0], size[1]) // the model is a pointer: a fresh one per state
			m, _ = press(t, m, "n", "enter", "c", "enter", "t")
			m = typeText(t, m, "k=v")
			m, _ = press(t, m, "enter", "f")
			mm, _ := press(t, m, keys...)
			lines := viewLines(mm)
			if len(lines) > size[1] {
				t.Errorf("%v after %v: %d lines", size, keys, len(lines))
			}
			for i, l := range lines {
				if w := len([]rune(l)); w > size[0] {
					t.Errorf("%v after %v: line %d is %d wide: %q", size, keys, i, w, l)
				}
			}
		}
	}
	m = newModel(t, 40, 12)
	m, _ = press(t, m, "n", "enter")
	if v := m.View(); !strings.Contains(v, "operation") || !strings.Contains(v, "X-B3-TraceId") {
		t.Errorf("40×12 does not show the span and its headers:\n%s", v)
	}
}

// The delivery log scrolls from the bottom: k goes back in time, G returns.
func TestDeliveryLogScrollsFromTheBottom(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	for i := 0; i < 30; i++ {
		m.log.Add(fmt.Sprintf("line %d", i))
	}
	m, _ = press(t, m, "tab", "tab", "tab", "tab", "k", "k") // tree → received → inspector → B3 → log
	if v := m.View(); !strings.Contains(v, "line 27") || strings.Contains(v, "line 28") || strings.Contains(v, "line 29") {
		t.Errorf("after k k the log should end two lines back, at line 27:\n%s", v)
	}
	m, _ = press(t, m, "G")
	if v := m.View(); !strings.Contains(v, "line 29") {
		t.Errorf("G did not return to the newest line:\n%s", v)
	}
}
