package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// learnActions are the keys that teach: L (the guided tour) and i (explain).
func learnActions(k *KeyMap) []action {
	return []action{
		{&k.Learn, haveLessons, (*Model).toggleLearn},
		{&k.Explain, nil, (*Model).explain},
	}
}

func haveLessons(m *Model) string {
	if m.tour == nil {
		_, err := builtinLessons()
		return fmt.Sprintf("the lessons could not be loaded: %v", err)
	}
	return ""
}

// baseMode is the mode a closed dialog or help returns to: the tour when it
// is on, browse otherwise.
func (m *Model) baseMode() mode {
	if m.tour != nil && m.tour.active {
		return modeLearn
	}
	return modeBrowse
}

// toggleLearn enters the tour where it was left, or leaves it (progress kept).
func (m *Model) toggleLearn() tea.Cmd {
	t := m.tour
	if t.active {
		t.active = false
		m.mode = modeBrowse
		if m.lesson.Focused() {
			m.screen.focus(m.tree)
		}
		m.screen.resize(m.status)
		m.setStatus("Left the tour at lesson %d/%d (%d done); L resumes it.", t.current+1, len(t.lessons), t.completed())
		return nil
	}
	t.active = true
	m.mode = modeLearn
	m.screen.resize(m.status)
	m.gotoLesson(t.current)
	return nil
}

// gotoLesson makes lesson i current; a lesson not done yet starts watching
// from now.
func (m *Model) gotoLesson(i int) {
	t := m.tour
	t.current = max(0, min(i, len(t.lessons)-1))
	m.lesson.scroll.offset = 0
	if !t.Done() {
		t.snap = m.snapshot()
		if t.Lesson().Select == "running" {
			m.selectRunning()
		}
	}
	m.setStatus("Lesson %d/%d: %s", t.current+1, len(t.lessons), t.Lesson().Title)
}

// selectRunning selects the latest running span unless a running one is
// selected already.
func (m *Model) selectRunning() {
	if n := m.tree.Selected(); n != nil && !n.Finished {
		return
	}
	nodes := m.session.Tree().Nodes()
	for i := len(nodes) - 1; i >= 0; i-- {
		if !nodes[i].Finished {
			m.tree.Select(nodes[i])
			return
		}
	}
}

// learnKey handles the tour's own keys in learn mode: L and esc leave (esc
// still cancels a running flush first), → and ← move between lessons.
func (m *Model) learnKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Learn),
		key.Matches(msg, m.keys.Cancel) && !m.log.Flushing():
		return m.toggleLearn(), true
	case handles(m.lesson, msg):
		var cmd tea.Cmd
		m.lesson, cmd = update(m.lesson, msg)
		return cmd, true
	}
	return nil, false
}

// checkLesson runs the current lesson's check after every message.
func (m *Model) checkLesson() {
	if m.tour != nil && m.tour.check(m) {
		m.lesson.scroll.offset = 0 // what just happened, from its first line
	}
}

// explain opens the explanation of the focused pane, or of the selected span
// when the tree has focus.
func (m *Model) explain() tea.Cmd {
	m.openDialog(newExplainDialog(m.common, m.explainTarget()), modeDialog)
	return nil
}

// childAllowed is c's guard: a span is selected, and a SERVER child only
// under a CLIENT (tracing.CheckChildKind says why not).
func childAllowed(m *Model) string {
	if why := needSelected(m); why != "" {
		return why
	}
	if err := tracing.CheckChildKind(m.tree.Selected(), m.tree.NextKind()); err != nil {
		return err.Error()
	}
	return ""
}

// remoteEndpoint asks for the other side of the selected running span.
func (m *Model) remoteEndpoint() tea.Cmd {
	n := m.tree.Selected()
	value := ""
	if e := n.RemoteEndpoint; e != nil {
		value = strings.TrimSpace(endpointText(e))
	}
	return m.ask(promptSpec{
		title:       "Remote endpoint of " + quoted(n.Name) + " — the other side of the call: service [ip[:port]]",
		value:       value,
		placeholder: "payments 10.0.0.7:8080",
		check:       checkRemote,
		accept: func(text string) (tea.Cmd, error) {
			service, hostPort, err := splitRemote(text)
			if err != nil {
				return nil, err
			}
			if err := m.session.SetRemoteEndpoint(n, service, hostPort); err != nil {
				return nil, err
			}
			m.setStatus("Remote endpoint of %q: %s — sent as remoteEndpoint.", n.Name, endpointText(n.RemoteEndpoint))
			return nil, nil
		},
	})
}

// splitRemote reads "service [ip[:port]]".
func splitRemote(text string) (service, hostPort string, err error) {
	f := strings.Fields(text)
	switch len(f) {
	case 0:
		return "", "", tracing.ErrNoRemoteService
	case 1:
		return f[0], "", nil
	case 2:
		return f[0], f[1], nil
	}
	return "", "", fmt.Errorf("remote endpoint: one service name (no spaces), then optionally ip or ip:port")
}

func checkRemote(s string) (string, string) {
	service, hostPort, err := splitRemote(s)
	if err != nil {
		return "", err.Error()
	}
	ep, err := tracing.NewRemoteEndpoint(service, hostPort)
	if err != nil {
		return "", err.Error()
	}
	return "remoteEndpoint: " + endpointText(ep), ""
}
