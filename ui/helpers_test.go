package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"zipkin-playground/tracing"
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
	cfg := tracing.DefaultConfig()
	cfg.Listen = "127.0.0.1:0"
	cfg.IP = "10.0.0.1"
	cfg.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerAlways}
	for _, f := range mutate {
		f(&cfg)
	}
	s, err := tracing.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
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

// pickerOf is the sampler picker in the dialog slot, nil when there is none.
func pickerOf(m *Model) *component.SamplerPicker {
	p, _ := m.dialog.(*component.SamplerPicker)
	return p
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
// results, read-backs, files); clocks, spinners and receiver waits are
// dropped. While a flush or a read-back runs, settle waits for its messages
// however long a loaded machine takes; once neither runs, the commands left
// get a grace period (a receiver wait never returns).
func settle(t testing.TB, m *Model, cmd tea.Cmd) *Model {
	t.Helper()
	msgs := make(chan tea.Msg)
	done := make(chan struct{})
	defer close(done)
	running := 0 // commands not returned yet
	run := func(c tea.Cmd) {
		if c == nil {
			return
		}
		running++
		go func() {
			msg := c()
			select {
			case msgs <- msg:
			case <-done:
			}
		}()
	}
	run(cmd)
	for running > 0 {
		var grace <-chan time.Time
		if !m.log.Flushing() && !m.common.Verify.Running() {
			grace = time.After(2 * time.Second)
		}
		var msg tea.Msg
		select {
		case msg = <-msgs:
			running--
		case <-grace:
			return m
		}
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case component.FlushResultMsg, component.FlushRetryMsg, component.FlushDoneMsg, component.FileMsg, component.VerifyDoneMsg, component.ShopStartedMsg, component.ShopCallDoneMsg:
			next, c := m.Update(msg)
			m = next.(*Model)
			run(c)
		}
	}
	return m
}

func viewLines(m *Model) []string { return strings.Split(m.View(), "\n") }
