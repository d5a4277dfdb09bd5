package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// Minimum usable terminal size (SPEC.md rule 8).
const (
	MinWidth  = 40
	MinHeight = 12
)

// focus is the pane that gets navigation keys.
type focus int

const (
	focusTree focus = iota
	focusLog
	focusReceived
)

// Model is the root of the playground: it routes global keys first, sizes to
// every pane, navigation to the focused pane, and async results to their
// owner whatever has focus.
type Model struct {
	common
	helpKeys KeyMap // a copy whose bindings are enabled only when they apply

	tree      treePane
	inspector inspectorView
	headers   headersView
	log       deliveryLog
	received  receivedView
	help      help.Model

	prompt      *prompt
	picker      *samplerPicker
	confirmQuit bool
	showHelp    bool
	focus       focus

	status    string
	statusBad bool

	flushing    bool
	cancelFlush context.CancelFunc
	ticking     bool

	width, height int
	quitting      bool
}

// Option changes a new Model (tests fix the clock).
type Option func(*Model)

// WithClock sets the clock used for running spans' elapsed time.
func WithClock(now func() time.Time) Option { return func(m *Model) { m.now = now } }

// New is the playground over session s.
func New(s *tracing.Session, opts ...Option) Model {
	styles := DefaultStyles()
	keys := DefaultKeyMap()
	c := common{session: s, styles: &styles, keys: &keys, now: time.Now}
	m := Model{common: c, helpKeys: DefaultKeyMap(), help: help.New()}
	for _, o := range opts {
		o(&m)
	}
	c = m.common
	m.tree = newTreePane(c)
	m.inspector = inspectorView{common: c}
	m.headers = headersView{common: c, format: s.Config().B3}
	m.log = newDeliveryLog(c)
	m.received = receivedView{common: c}
	if r := s.Receiver(); r != nil {
		m.received.Refresh(r.Traces(), r.Stats())
	}
	m.status = "Welcome! Press n to start a new trace; ? shows every key."
	m.refreshKeys()
	return m
}

// Init waits for the receiver and starts the clock when spans run.
func (m Model) Init() tea.Cmd {
	return waitReceived(m.session.Receiver())
}

// Session is the model's session (tests inspect it).
func (m Model) Session() *tracing.Session { return m.session }

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.refreshKeys()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		return m.handleKeyMsg(msg)
	case flushResultMsg:
		m.log.AddResult(msg.result)
		return m, waitFor(msg.next)
	case flushDoneMsg:
		return m.flushDone(msg.summary), nil
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.log, cmd = m.log.Update(msg, false)
		return m, cmd
	case receivedMsg:
		r := m.session.Receiver()
		if r == nil {
			return m, nil
		}
		m.received.Refresh(r.Traces(), r.Stats())
		return m, waitReceived(r)
	case tickMsg:
		if m.runningSpans() == 0 {
			m.ticking = false
			return m, nil
		}
		return m, tick()
	case fileMsg:
		return m.fileDone(msg)
	}
	return m, nil
}

// handleKeyMsg splits several runes arriving at once (a paste, tmux) into
// single keys unless a text prompt is open.
func (m Model) handleKeyMsg(msg tea.KeyMsg) (Model, tea.Cmd) {
	if msg.Type != tea.KeyRunes || len(msg.Runes) <= 1 || m.prompt != nil {
		return m.handleKey(msg)
	}
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if m.prompt != nil { // a rune opened a prompt: the rest is typed into it
			rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:], Paste: msg.Paste}
			var cmd tea.Cmd
			m, cmd = m.handleKey(rest)
			cmds = append(cmds, cmd)
			break
		}
		var cmd tea.Cmd
		m, cmd = m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
		if m.quitting {
			break
		}
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	l := m.layout()
	m.tree.SetSize(l.treeW, l.treeH)
	m.inspector.SetSize(l.rightW, l.inspH)
	m.headers.SetSize(l.rightW, l.hdrH)
	m.log.SetSize(l.logW, l.logInnerH)
	m.received.SetSize(l.rightW, l.inspH+l.hdrH)
	m.help.Width = w
	if m.prompt != nil {
		m.prompt.SetWidth(min(w, 100))
	}
	if m.picker != nil {
		m.picker.width = min(w, 100)
	}
}

func (m *Model) setStatus(format string, args ...any) {
	m.status, m.statusBad = fmt.Sprintf(format, args...), false
}

func (m *Model) setError(err error) {
	m.status, m.statusBad = m.session.Masker().Mask(err.Error()), true
}

// runningSpans counts spans not finished yet.
func (m Model) runningSpans() int {
	n := 0
	for _, node := range m.session.Tree().Nodes() {
		if !node.Finished {
			n++
		}
	}
	return n
}

// undelivered counts spans that would be lost on quit: queued or failed in
// the outbox, and running sampled spans.
func (m Model) undelivered() int {
	n := m.session.Outbox().Counts().Undelivered()
	for _, node := range m.session.Tree().Nodes() {
		if !node.Finished && node.Sampled() {
			n++
		}
	}
	return n
}

// ensureTick starts the elapsed-time clock if spans run and it is stopped.
func (m *Model) ensureTick() tea.Cmd {
	if m.ticking || m.runningSpans() == 0 {
		return nil
	}
	m.ticking = true
	return tick()
}

func (m *Model) refreshKeys() {
	sel := m.tree.Selected()
	counts := m.session.Outbox().Counts()
	m.helpKeys.setEnabled(keyState{
		hasSpans: m.session.Tree().Len() > 0,
		selected: sel != nil,
		running:  sel != nil && !sel.Finished,
		editable: sel != nil && !sel.Finished,
		pending:  counts.Pending() > 0,
		failed:   counts.Failed > 0,
		flushing: m.flushing,
		secrets:  m.session.Endpoint().HasSecrets() || len(m.session.Config().Headers) > 0,
	})
}
