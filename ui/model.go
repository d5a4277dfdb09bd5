package ui

import (
	"fmt"
	"time"
	"zipkin-playground/ui/desk"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// Minimum usable terminal size: below it the screen says "terminal too
// small" rather than draw a layout that cannot fit.
const (
	MinWidth  = 40
	MinHeight = 12
)

// mode is what the root does with keys (glow's state enum).
type mode int

const (
	modeBrowse      mode = iota // keys go to the tour (when on), the actions, then the focused pane
	modeDialog                  // the dialog slot takes every key
	modeConfirmQuit             // the dialog slot holds the quit question
	modeHelp                    // every key, full screen
)

// Model is the root of the playground: it routes global keys first, sizes to
// every pane, keys to the focused pane, and async results to their owner
// whatever has focus.
type Model struct {
	common  *component.Common
	actions []actionGroup
	reasons map[*key.Binding]string // why a disabled action does not apply
	screen  *screen                 // lays out and draws the panes
	*panes                          // shared with the screen (panes.go)

	mode   mode
	dialog component.Dialog // the open prompt, picker or question; nil in browse and help

	shop *desk.Shop // the demo shop H calls and M maps

	status    string
	statusBad bool
	ticking   bool

	quitting bool
	quitter  *desk.Quitter // q and ctrl+c, and what has them ask first

	clipboard dialog.Clipboard // an OSC 52 sequence leading the frame for a while (y)
}

// New is the playground over session s, adjusted by opts.
func New(s *tracing.Session, opts ...Option) *Model {
	styles := component.DefaultStyles()
	keys := component.DefaultKeyMap()
	c := &component.Common{Session: s, Styles: &styles, Keys: &keys, Now: time.Now, Reveal: s.Config().RevealSecrets, Verify: component.NewVerification()}
	m := &Model{common: c, reasons: map[*key.Binding]string{}}
	for _, o := range opts {
		o(m)
	}
	m.actions = restricted(m.common.Policy, actionTable(c.Keys), c.Keys)
	m.panes = newPanes(c, m.actions, m.reasons, func() component.Component { return m.screen.focusedPane() },
		func() []pane.AnsweredCall { return m.shop.AnsweredCalls() })
	m.shop = desk.NewShop(c, m.tree.Selected, m.log, func() component.Dialog { return m.dialog })
	m.quitter = desk.NewQuitter(c, m.log.Cancel)
	m.screen = &screen{Common: c, panes: m.panes, actions: m.actions, help: help.New()}
	m.tree.Focus()
	m.status = fmt.Sprintf("Welcome! Press %s to start a new trace; %s shows every key.", component.KeyName(keys.NewTrace), component.KeyName(keys.Help)) + component.ReceiverNotes(s)
	m.refreshKeys()
	return m
}

// Init arms the receiver's update stream when it runs from the start, and
// starts the demo shop when asked to at launch.
func (m *Model) Init() tea.Cmd {
	var shop tea.Cmd
	if m.common.Session.Config().Shop {
		shop = m.shop.Ensure()
	}
	return tea.Batch(component.WaitReceived(m.common.Session.Receiver()), shop, m.carryOut())
}

// Session is the model's session (tests inspect it).
func (m *Model) Session() *tracing.Session { return m.common.Session }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := tea.Batch(m.update(msg), m.carryOut())
	m.lesson.Check()
	m.refreshKeys()
	m.screen.resize(m.status) // the status and the B3 headers change the layout
	if m.dialog != nil {
		m.screen.sizeDialog(m.dialog) // and so the rows a dialog is drawn in
	}
	return m, cmd
}

// update routes: sizes to everyone, keys by mode, results to their owner.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.screen.setSize(msg.Width, msg.Height, m.dialog)
		return nil
	case tea.KeyMsg:
		return m.handleKeyMsg(msg)
	case component.FlushResultMsg, component.FlushRetryMsg, spinner.TickMsg:
		if r, ok := msg.(component.FlushResultMsg); ok {
			m.common.Verify.Record(r)
		}
		var cmd tea.Cmd
		m.log, cmd = update(m.log, msg)
		return cmd
	case component.FlushDoneMsg:
		var cmd tea.Cmd
		m.log, cmd = update(m.log, msg)
		m.flushDone(msg.Summary)
		return tea.Batch(cmd, component.Verifier{Common: m.common}.AfterFlush(msg.Summary))
	case component.VerifyTickMsg:
		return component.Verifier{Common: m.common}.Tick()
	case component.VerifyDoneMsg:
		return m.verifyDone(msg)
	case tickMsg:
		if m.runningSpans() == 0 {
			m.ticking = false
			return nil
		}
		return tick()
	case component.FileMsg:
		return tea.Batch(filesOf(m).Done(msg), m.ensureTick())
	case dialog.ClipboardDoneMsg:
		m.clipboard.Done(msg)
	case desk.ShopMsg:
		return m.shop.Update(msg)
	default:
		if p := m.screen.owner(msg); p != nil { // a pane's own async result
			_, cmd := p.Update(msg)
			return cmd
		}
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
	cmd := m.routeKey(msg)
	return tea.Batch(cmd, m.carryOut())
}

// routeKey gives one key to the dialog, the help, the lesson, an action or
// the focused pane.
func (m *Model) routeKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeDialog, modeConfirmQuit:
		return m.dialogKey(msg)
	case modeBrowse:
		if cmd, ok := m.lesson.Key(msg); ok {
			return cmd
		}
	case modeHelp:
		switch {
		case key.Matches(msg, m.common.Keys.CloseHelp):
			m.mode = modeBrowse
			return nil
		case component.Handles(m.helpView, msg):
			var cmd tea.Cmd
			m.helpView, cmd = update(m.helpView, msg)
			return cmd
		}
		m.mode = modeBrowse // any other key closes help and acts
	}
	if cmd, ok := m.runAction(msg); ok {
		return tea.Batch(cmd, m.ensureTick())
	}
	if p := m.screen.focusedPane(); component.Handles(p, msg) {
		_, cmd := p.Update(msg)
		return cmd
	}
	m.setErrorText(fmt.Sprintf("%s does nothing here — %s lists the keys", msg.String(), component.KeyName(m.common.Keys.Help)))
	return nil
}

// dialogKey gives the key to the open dialog and closes the slot when the
// dialog is done (unless its action opened the next one).
func (m *Model) dialogKey(msg tea.KeyMsg) tea.Cmd {
	before := m.dialog
	d, cmd := update(before, msg)
	if m.dialog == before { // else the dialog opened the next one, which keeps the slot
		m.dialog = d
	}
	if d.Closed() && m.dialog == d {
		m.dialog, m.mode = nil, modeBrowse
	}
	return tea.Batch(cmd, m.ensureTick())
}

// openDialog puts d in the slot.
func (m *Model) openDialog(d component.Dialog, md mode) {
	m.screen.sizeDialog(d)
	d.Focus()
	m.dialog, m.mode = d, md
}

// setStatus says format (its {Field} keys filled in from the bindings).
func (m *Model) setStatus(format string, args ...any) {
	m.status, m.statusBad = fmt.Sprintf(component.KeyText(m.common.Keys, format), args...), false
}

func (m *Model) setErrorText(s string) {
	m.status, m.statusBad = m.common.Session.Masker().Mask(component.KeyText(m.common.Keys, s)), true
}

// runningSpans counts spans not finished yet.
func (m *Model) runningSpans() int { return m.common.Session.Tree().Running() }

// ensureTick starts the elapsed-time clock if spans run and it is stopped.
func (m *Model) ensureTick() tea.Cmd {
	if m.ticking || m.runningSpans() == 0 {
		return nil
	}
	m.ticking = true
	return tick()
}

// noSpan is why a span key does nothing yet.
func noSpan(k *component.KeyMap) string {
	return "no span selected: press " + component.KeyName(k.NewTrace) + " to start a trace first"
}
