package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// Minimum usable terminal size (SPEC.md rule 8).
const (
	MinWidth  = 40
	MinHeight = 12
)

// mode is what the root does with keys (glow's state enum).
type mode int

const (
	modeBrowse      mode = iota // keys go to the actions, then the focused pane
	modeDialog                  // the dialog slot takes every key
	modeConfirmQuit             // the dialog slot holds the quit question
	modeHelp                    // every key, full screen
	modeLearn                   // browse with the lesson panel (L): keys act as in browse
)

// Model is the root of the playground: it routes global keys first, sizes to
// every pane, keys to the focused pane, and async results to their owner
// whatever has focus.
type Model struct {
	*common
	actions []actionGroup
	reasons map[*key.Binding]string // why a disabled action does not apply
	help    help.Model

	tree      *treePane
	inspector *inspectorPane
	headers   *headersPane
	log       *deliveryLog
	received  *receivedPane

	mode     mode
	dialog   dialog // the open prompt, picker or question; nil in browse and help
	helpView *helpPane

	tour   *tour // the guided tour's progress; nil when the lessons failed to load
	lesson *learnPane

	shop   shopState // the demo shop H calls and M maps
	policy Policy    // what the person at the keys may not do (a workshop attendee)

	nextKind  model.Kind // given to the next span started, then back to none
	status    string
	statusBad bool
	ticking   bool

	width, height int
	quitting      bool

	// clipboard is an OSC 52 sequence that leads the frame until
	// clipboardDoneMsg with clipboardID (y).
	clipboard   string
	clipboardID int
}

// New is the playground over session s, adjusted by opts.
func New(s *tracing.Session, opts ...Option) *Model {
	styles := DefaultStyles()
	keys := DefaultKeyMap()
	c := &common{session: s, styles: &styles, keys: &keys, now: time.Now, reveal: s.Config().RevealSecrets, verify: newVerification()}
	m := &Model{common: c, help: help.New(), reasons: map[*key.Binding]string{}}
	for _, o := range opts {
		o(m)
	}
	m.actions = m.policy.restricted(actionTable(c.keys), c.keys)
	m.tree = &treePane{paneBase: paneBase{common: c}}
	m.inspector = &inspectorPane{paneBase: paneBase{common: c}, selected: m.tree.Selected}
	m.headers = &headersPane{paneBase: paneBase{common: c}, selected: m.tree.Selected, format: s.Config().B3}
	m.log = newDeliveryLog(c)
	m.received = &receivedPane{paneBase: paneBase{common: c}}
	m.received.refresh()
	m.helpView = &helpPane{paneBase: paneBase{common: c}, root: m}
	m.lesson = &learnPane{paneBase: paneBase{common: c}, root: m}
	if ls, err := builtinLessons(); err == nil {
		m.tour = newTour(ls)
	}
	m.tree.Focus()
	m.status = "Welcome! Press n to start a new trace; ? shows every key." + receiverNotes(s)
	m.refreshKeys()
	return m
}

// Init arms the receiver's update stream when it runs from the start, and
// starts the demo shop when asked to at launch.
func (m *Model) Init() tea.Cmd {
	var shop tea.Cmd
	if m.session.Config().Shop {
		shop = m.ensureShop()
	}
	return tea.Batch(waitReceived(m.session.Receiver()), shop)
}

// Session is the model's session (tests inspect it).
func (m *Model) Session() *tracing.Session { return m.session }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.checkLesson()
	m.refreshKeys()
	m.resize() // the status and the B3 headers change the layout
	return m, cmd
}

// update routes: sizes to everyone, keys by mode, results to their owner.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return nil
	case tea.KeyMsg:
		return m.handleKeyMsg(msg)
	case flushResultMsg, flushRetryMsg, spinner.TickMsg:
		if r, ok := msg.(flushResultMsg); ok {
			m.verify.sentTo.record(r)
		}
		_, cmd := m.log.Update(msg)
		return cmd
	case flushDoneMsg:
		_, cmd := m.log.Update(msg)
		m.flushDone(msg.summary)
		return tea.Batch(cmd, m.verifyAfterFlush(msg.summary))
	case verifyDoneMsg, verifyTickMsg:
		return m.verifyMsg(msg)
	case receivedMsg, receivedLayoutMsg:
		_, cmd := m.received.Update(msg)
		return cmd
	case receiverStartedMsg:
		return m.receiverStarted(msg)
	case tickMsg:
		if m.runningSpans() == 0 {
			m.ticking = false
			return nil
		}
		return tick()
	case fileMsg:
		return m.fileDone(msg)
	case clipboardDoneMsg:
		m.clipboardDone(msg)
	case shopMsg:
		return m.handleShopMsg(msg)
	}
	return nil
}

// handleKeyMsg splits several runes arriving at once (a paste, tmux) into
// single keys unless a text prompt is open.
func (m *Model) handleKeyMsg(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) <= 1 || m.mode == modeDialog {
		return m.handleKey(msg)
	}
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if m.mode == modeDialog { // a rune opened a prompt: the rest is typed into it
			rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:], Paste: msg.Paste}
			cmds = append(cmds, m.handleKey(rest))
			break
		}
		cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
		if m.quitting {
			break
		}
	}
	return tea.Batch(cmds...)
}

// handleKey routes one key by mode: the dialog takes everything; help closes
// on ? or esc (any other key closes it and acts); in browse the actions come
// first, then the focused pane.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeDialog, modeConfirmQuit:
		return m.dialogKey(msg)
	case modeLearn:
		if cmd, ok := m.learnKey(msg); ok {
			return cmd
		}
	case modeHelp:
		switch {
		case key.Matches(msg, m.keys.CloseHelp):
			m.mode = m.baseMode()
			return nil
		case handles(m.helpView, msg):
			_, cmd := m.helpView.Update(msg)
			return cmd
		}
		m.mode = m.baseMode() // any other key closes help and acts
	}
	if cmd, ok := m.runAction(msg); ok {
		return tea.Batch(cmd, m.ensureTick())
	}
	if p := m.focusedPane(); handles(p, msg) {
		_, cmd := p.Update(msg)
		return cmd
	}
	m.setErrorText(fmt.Sprintf("%s does nothing here — ? lists the keys", msg.String()))
	return nil
}

// dialogKey gives the key to the open dialog and closes the slot when the
// dialog is done (unless its action opened the next one).
func (m *Model) dialogKey(msg tea.KeyMsg) tea.Cmd {
	d := m.dialog
	_, cmd := d.Update(msg)
	if d.Closed() && m.dialog == d {
		m.dialog, m.mode = nil, m.baseMode()
	}
	return tea.Batch(cmd, m.ensureTick())
}

// openDialog puts d in the slot.
func (m *Model) openDialog(d dialog, md mode) {
	d.SetSize(min(m.width, 100), m.height)
	d.Focus()
	m.dialog, m.mode = d, md
}

func (m *Model) setStatus(format string, args ...any) {
	m.status, m.statusBad = fmt.Sprintf(format, args...), false
}

func (m *Model) setError(err error) { m.setErrorText(err.Error()) }

func (m *Model) setErrorText(s string) {
	m.status, m.statusBad = m.session.Masker().Mask(s), true
}

// runningSpans counts spans not finished yet.
func (m *Model) runningSpans() int { return m.session.Tree().Running() }

// undelivered counts spans that would be lost on quit: queued, sending or
// failed in the outbox, and running sampled spans.
func (m *Model) undelivered() int {
	return m.session.Outbox().Counts().Undelivered() + m.session.Tree().RunningSampled()
}

// ensureTick starts the elapsed-time clock if spans run and it is stopped.
func (m *Model) ensureTick() tea.Cmd {
	if m.ticking || m.runningSpans() == 0 {
		return nil
	}
	m.ticking = true
	return tick()
}

var errNoSpan = errors.New("no span selected: press n to start a trace first")
