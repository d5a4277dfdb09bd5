package ui

import (
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"zipkin-playground/ui/desk"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/ui/component"
)

func TestMain(m *testing.M) {
	// Goldens and width checks are made under a fixed colour profile.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newSession is a session on the embedded receiver (a free port), every trace
// sampled, a fixed local IP.
func newSession(t testing.TB, mutate ...func(*tracing.Config)) *tracing.Session {
	t.Helper()
	ip := func(c *tracing.Config) { c.IP = "10.0.0.1" }
	return sessiontest.New(t, append([]func(*tracing.Config){ip}, mutate...)...)
}

func newModel(t testing.TB, w, h int, mutate ...func(*tracing.Config)) *Model {
	t.Helper()
	m := New(newSession(t, mutate...))
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// promptOf is the text prompt in the dialog slot, nil when there is none.
func promptOf(m *Model) *component.Prompt {
	p, _ := m.dialog.(*component.Prompt)
	return p
}

// pickerOpen says whether the sampler picker holds the dialog slot (its
// title is its own).
func pickerOpen(m *Model) bool {
	return m.dialog != nil && strings.HasPrefix(m.dialog.Title(), "Sampler for new traces")
}

// namedKeys are the non-rune keys tests press, by name.
var namedKeys = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "backspace": tea.KeyBackspace, "ctrl+c": tea.KeyCtrlC,
	"delete": tea.KeyDelete, "ctrl+u": tea.KeyCtrlU, "left": tea.KeyLeft,
}

// keyMsg turns a key name into the message Bubble Tea sends for it.
func keyMsg(k string) tea.KeyMsg {
	if t, ok := namedKeys[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one by one; a word in quotes-free form like "db" is one
// paste-like message, so type text with typeText.
func press(t testing.TB, m *Model, keys ...string) (*Model, tea.Cmd) {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		var next tea.Model
		next, cmd = m.Update(keyMsg(k))
		m = next.(*Model)
	}
	return m, cmd
}

// typeText types each rune as its own key.
func typeText(t testing.TB, m *Model, s string) *Model {
	for _, r := range s {
		m, _ = press(t, m, string(r))
	}
	return m
}

// settle runs cmd and feeds back the messages of finite work (flush
// results, read-backs, files, the shop); it returns once every command has
// returned. The commands that only wait (clock and spinner ticks, the
// receiver's next arrival: see waitsOnly) are not run, since nothing they
// bring is fed back; a command that has not returned after hangAfter fails
// the test, naming it.
func settle(t testing.TB, m *Model, cmd tea.Cmd) *Model {
	t.Helper()
	msgs := make(chan cmdDone)
	done := make(chan struct{})
	defer close(done)
	running := map[string]int{} // commands not returned yet, by name
	run := func(c tea.Cmd) {
		if c == nil || waitsOnly(c) {
			return
		}
		name := cmdName(c)
		running[name]++
		go func() {
			msg := c()
			select {
			case msgs <- cmdDone{name, msg}:
			case <-done:
			}
		}()
	}
	run(cmd)
	for len(running) > 0 {
		var got cmdDone
		select {
		case got = <-msgs:
		case <-time.After(hangAfter):
			t.Fatalf("settle: %v have not returned after %s; list a command that only waits in waitingCmds", running, hangAfter)
		}
		if running[got.name]--; running[got.name] == 0 {
			delete(running, got.name)
		}
		switch msg := got.msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case component.FlushResultMsg, component.FlushRetryMsg, component.FlushDoneMsg, component.FileMsg, component.VerifyDoneMsg, desk.ShopStartedMsg, desk.ShopCallDoneMsg:
			next, c := m.Update(msg)
			m = next.(*Model)
			run(c)
		}
	}
	return m
}

// finish runs c and returns its message; a command that has not returned
// after hangAfter fails the test, naming it.
func finish(t testing.TB, c tea.Cmd) tea.Msg {
	t.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(hangAfter):
		t.Fatalf("%s has not returned after %s; list a command that only waits in waitingCmds", cmdName(c), hangAfter)
		return nil
	}
}

// hangAfter is how long settle waits for one command before failing the
// test: far beyond any finite command on a loaded machine.
const hangAfter = time.Minute

// cmdDone is a command's message and the command's name.
type cmdDone struct {
	name string
	msg  tea.Msg
}

// waitingCmds are the functions behind the commands that only wait: a
// timer (tea.Tick, which the spinner, the clock, the map and the shop's
// problems use; the text input's cursor blink) or the receiver's next
// arrival, which may never come.
var waitingCmds = map[string]bool{
	"github.com/charmbracelet/bubbletea.Tick.func1":                   true,
	"github.com/charmbracelet/bubbles/cursor.(*Model).BlinkCmd.func1": true,
	"zipkin-playground/ui/component.WaitReceived.func1":               true,
}

// waitsOnly says whether c is one of waitingCmds.
func waitsOnly(c tea.Cmd) bool { return waitingCmds[cmdName(c)] }

// cmdName is the name of the function behind a command.
func cmdName(c tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
}

func viewLines(m *Model) []string { return strings.Split(m.View(), "\n") }
