package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
)

// driver runs a model's commands the way Bubble Tea does — each in its own
// goroutine, every message fed back to Update on the test's goroutine — and
// keeps the long waits (the receiver's stream) armed across steps.
type driver struct {
	t    *testing.T
	m    *Model
	msgs chan tea.Msg
}

func newDriver(t *testing.T, m *Model) *driver {
	return &driver{t: t, m: m, msgs: make(chan tea.Msg, 64)}
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { d.msgs <- cmd() }()
}

// press sends keys and runs what they return.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		_, cmd := d.m.Update(keyMsg(k))
		d.run(cmd)
	}
}

// until feeds messages until cond holds; it fails after timeout.
func (d *driver) until(what string, timeout time.Duration, cond func(*Model) bool) {
	d.t.Helper()
	deadline := time.After(timeout)
	for !cond(d.m) {
		select {
		case msg := <-d.msgs:
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					d.run(c)
				}
				continue
			}
			if msg == nil {
				continue
			}
			_, cmd := d.m.Update(msg)
			d.run(cmd)
		case <-deadline:
			d.t.Fatalf("%s: not after %s (status %q)", what, timeout, d.m.status)
		}
	}
}

// blockingCollector answers nothing until the request is cancelled or the
// test ends: a flush to it runs until cancelled.
func blockingCollector(t *testing.T) string {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first: handlers return, then the server closes
	return srv.URL + secret.V2Path
}

// E → local after starting remote: the receiver starts in a command (not in
// Update) and the Received pane follows what arrives.
func TestEndpointToLocalArmsTheReceivedStream(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = "http://127.0.0.1:9/api/v2/spans" })
	d := newDriver(t, m)
	d.press("E")
	promptOf(m).Input.SetValue("")
	d.m = typeText(t, m, "local")
	d.press("enter")
	if m.common.Session.Receiver() != nil && !m.common.Session.Endpoint().Local {
		t.Fatal("half switched")
	}
	d.until("receiver started", 5*time.Second, func(m *Model) bool { return m.common.Session.Endpoint().Local })
	d.press("n", "enter", "f", "F")
	d.until("flush done", 5*time.Second, func(m *Model) bool { return !m.log.Flushing() })
	d.until("received pane refreshed", 5*time.Second, func(m *Model) bool { return m.received.Stats.Spans == 1 })
	d.press("tab") // tree → received
	if v := m.View(); !m.received.Focused() || !strings.Contains(v, m.received.Title()) ||
		!strings.Contains(v, "operation") || !strings.HasSuffix(m.received.Title(), "1 span in 1 batch") {
		t.Errorf("the Received pane does not show the span (%q):\n%s", m.received.Title(), v)
	}
}

// The receiver is not started inside Update: accepting "local" returns a
// command, and only its message switches the endpoint.
func TestEndpointToLocalStartsTheReceiverInACommand(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = "http://127.0.0.1:9/api/v2/spans" })
	m, _ = press(t, m, "E")
	promptOf(m).Input.SetValue("local")
	m, cmd := press(t, m, "enter")
	if m.common.Session.Receiver() != nil || cmd == nil {
		t.Fatalf("the receiver started inside Update (receiver %v, command %v)", m.common.Session.Receiver() != nil, cmd != nil)
	}
	m.Update(cmd())
	if !m.common.Session.Endpoint().Local || !strings.Contains(m.status, "Endpoint: http://127.0.0.1:") {
		t.Errorf("after the command: local %v, status %q", m.common.Session.Endpoint().Local, m.status)
	}
}

func TestEscCancelsAFlush(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = blockingCollector(t) })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	if !m.log.Flushing() {
		t.Fatal("F did not start a flush")
	}
	d := newDriver(t, m)
	d.run(cmd)
	d.press("esc")
	// The collector never answers and the timeout is 5s: only the cancel ends it sooner.
	d.until("flush ended", 3*time.Second, func(m *Model) bool { return !m.log.Flushing() })
	if !strings.Contains(m.status, "Flush cancelled: 0 spans delivered, 1 span stays queued") {
		t.Errorf("status after esc: %q", m.status)
	}
	if c := m.common.Session.Outbox().Counts(); c.Pending() != 1 || c.Delivered != 0 {
		t.Errorf("counts after cancel: %+v", c)
	}
	m, _ = press(t, m, "esc")
	if !strings.Contains(m.status, "no flush is running") {
		t.Errorf("esc with no flush: %q", m.status)
	}
}

func TestKindAppliesToTheNextSpanOnly(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "K", "n")
	if !strings.Contains(m.View(), "next kind: CLIENT") {
		t.Error("the name prompt does not show the kind")
	}
	m, _ = press(t, m, "enter")
	root := m.tree.Selected()
	if root.Kind != model.Client || m.tree.NextKind() != model.Undetermined {
		t.Fatalf("root %q, next kind after it %q", root.Kind, m.tree.NextKind())
	}
	if !strings.Contains(m.View(), "next kind none") {
		t.Error("the top bar does not show the reset")
	}
	m, _ = press(t, m, "c", "enter", "n", "enter")
	if child, next := root.Children[0], m.tree.Selected(); child.Kind != "" || next.Kind != "" {
		t.Errorf("later spans got kinds %q, %q", child.Kind, next.Kind)
	}
}

func TestCtrlCInEveryState(t *testing.T) {
	t.Parallel()
	quits := func(t *testing.T, m *Model, cmd tea.Cmd) {
		t.Helper()
		if cmd == nil || !m.quitting {
			t.Fatalf("did not quit (mode %d, status %q)", m.mode, m.status)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Fatal("no tea.Quit")
		}
	}
	t.Run("browse", func(t *testing.T) {
		m, cmd := press(t, newModel(t, 120, 40), "ctrl+c")
		quits(t, m, cmd)
	})
	t.Run("help", func(t *testing.T) {
		m, cmd := press(t, newModel(t, 120, 40), "?", "ctrl+c")
		quits(t, m, cmd)
	})
	t.Run("prompt closes", func(t *testing.T) {
		m, _ := press(t, newModel(t, 120, 40), "n", "ctrl+c")
		if m.dialog != nil || m.mode != modeBrowse || m.quitting || m.common.Session.Tree().Len() != 0 {
			t.Fatalf("prompt: dialog %v, mode %d, quitting %v", m.dialog != nil, m.mode, m.quitting)
		}
	})
	t.Run("picker closes", func(t *testing.T) {
		m, _ := press(t, newModel(t, 120, 40), "S", "down", "ctrl+c")
		if m.dialog != nil || m.quitting || m.common.Session.Config().Sampler.Kind != tracing.SamplerAlways {
			t.Fatalf("picker: dialog %v, quitting %v, sampler %v", m.dialog != nil, m.quitting, m.common.Session.Config().Sampler)
		}
	})
	t.Run("quit dialog means yes", func(t *testing.T) {
		m, _ := press(t, newModel(t, 120, 40), "n", "enter", "f", "q")
		if m.mode != modeConfirmQuit {
			t.Fatal("q did not ask")
		}
		m, cmd := press(t, m, "ctrl+c")
		quits(t, m, cmd)
	})
	t.Run("flush cancels and asks", func(t *testing.T) {
		m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = blockingCollector(t) })
		m, _ = press(t, m, "n", "enter", "f")
		m, flush := press(t, m, "F")
		m, cmd := press(t, m, "ctrl+c")
		if cmd != nil || !m.log.Cancelled() || m.mode != modeConfirmQuit || !strings.Contains(m.status, "1 span not delivered") {
			t.Fatalf("ctrl+c in a flush: cancelled %v, mode %d, status %q", m.log.Cancelled(), m.mode, m.status)
		}
		d := newDriver(t, m)
		d.run(flush)
		d.until("flush wound down", 3*time.Second, func(m *Model) bool { return !m.log.Flushing() })
		if !strings.Contains(m.status, "quit anyway?") {
			t.Errorf("the flush summary replaced the question: %q", m.status)
		}
		m, cmd = press(t, m, "y")
		quits(t, m, cmd)
	})
}

func TestUnknownKeySaysSo(t *testing.T) {
	t.Parallel()
	m, _ := press(t, newModel(t, 120, 40), "z")
	if want := "z does nothing here — ? lists the keys"; !m.statusBad || m.status != want {
		t.Errorf("status %q, want %q", m.status, want)
	}
	m, _ = press(t, m, "j") // a movement key is the focused pane's, not unknown
	if strings.Contains(m.status, "does nothing") && strings.HasPrefix(m.status, "j") {
		t.Errorf("j reported as unknown: %q", m.status)
	}
}

func TestHelpListsEveryKeyWithReasons(t *testing.T) {
	t.Parallel()
	m, _ := press(t, newModel(t, 200, 60), "?")
	v := m.View()
	for _, g := range m.actions {
		for _, a := range g.actions {
			if h := a.binding.Help(); !strings.Contains(v, h.Key) || !strings.Contains(v, h.Desc) {
				t.Errorf("help lacks %s %s", h.Key, h.Desc)
			}
		}
	}
	for _, want := range []string{"finish —", "no span selected", "retry failed —", "nothing failed, nothing to retry", "save scenario —"} {
		if !strings.Contains(v, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	m, _ = press(t, m, "esc", "n", "enter", "?")
	if v := m.View(); strings.Contains(v, "finish —") || !strings.Contains(v, "finish") {
		t.Error("f is still shown as not applying with a running span selected")
	}
	m, _ = press(t, m, "esc", "f", "?")
	if v := m.View(); !strings.Contains(v, "finish —") || !strings.Contains(v, `"operation" is already finished`) {
		t.Error("f on a finished span: no reason in the help")
	}
}

func TestHelpLineEndsWithHelp(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{40, 12}, {80, 24}, {120, 40}} {
		m, _ := press(t, newModel(t, size[0], size[1]), "n", "enter", "c", "enter")
		lines := viewLines(m)
		last := strings.TrimRight(lines[len(lines)-1], " ")
		if !strings.HasSuffix(last, "? help") || strings.Contains(last, "…") {
			t.Errorf("%v: help line %q", size, last)
		}
	}
}

func TestPluralsInTheUI(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	if !strings.Contains(m.status, "Delivered 1 span in 1 batch (") || !strings.Contains(m.status, "tab → what the receiver got") {
		t.Errorf("status %q", m.status)
	}
	if v := m.View(); !strings.Contains(v, "batch 1/1  1 span ") {
		t.Errorf("log line not singular:\n%s", v)
	}
}

// q during a flush asks; yes leaves at once, cancelling the flush rather than
// leaving it to run into the collector's timeout.
func TestQuitDuringAFlushDoesNotWait(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = blockingCollector(t) })
	m, _ = press(t, m, "n", "enter", "f")
	m, flush := press(t, m, "F")
	d := newDriver(t, m)
	d.run(flush)
	m, _ = press(t, m, "q")
	if m.mode != modeConfirmQuit || m.log.Cancelled() {
		t.Fatalf("q in a flush: mode %d, cancelled %v", m.mode, m.log.Cancelled())
	}
	m, cmd := press(t, m, "y")
	if cmd == nil || !m.quitting || !m.log.Cancelled() {
		t.Fatalf("y: quitting %v, flush cancelled %v", m.quitting, m.log.Cancelled())
	}
	// The collector never answers (timeout 5s): the flush ends now only because it was cancelled.
	d.until("flush ended after quitting", 2*time.Second, func(m *Model) bool { return !m.log.Flushing() })
}

// Tree lines show siblings (├ │ └), and the selection is visible without
// colour: a ▶ marker, and no inner style ending the reverse video early.
func TestTreeConnectorsAndSelectionMarker(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "n", "enter", "c", "enter", "c", "enter", "up", "up", "c", "enter", "K") // root → a → b, root → c
	m, _ = press(t, m, "g")
	var rows []string
	for _, l := range strings.Split(m.tree.View(), "\n") {
		rows = append(rows, strings.TrimRight(l, " "))
	}
	want := []string{"▶◆ operation", "   ├ operation", "   │ └ operation", "   └ operation"}
	for i, w := range want {
		if i >= len(rows) || !strings.HasPrefix(rows[i], w) {
			t.Fatalf("row %d: want prefix %q, have rows\n%s", i, w, strings.Join(rows, "\n"))
		}
	}
}
