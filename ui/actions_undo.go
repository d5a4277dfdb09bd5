package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// undoActions take back what was not meant: delete (the selected span and
// its subtree) and N (a new session: everything not sent), each after a
// question, and only what no collector may hold yet.
func undoActions(k *KeyMap) []action {
	return []action{
		{&k.Delete, needSelected, (*Model).askDelete},
		{&k.NewSession, nil, (*Model).askNewSession},
	}
}

// unsent says whether none of the spans was handed to a collector: running,
// not sampled, or queued and never tried. It is why not when it is false.
func (m *Model) unsent(nodes []*tracing.Node) (bool, string) {
	for _, n := range nodes {
		if n.Reported == nil {
			continue
		}
		if st := m.session.Outbox().State(n.Key); st != outbox.Queued {
			return false, fmt.Sprintf("%q was already sent (%s): a collector may hold it, so it stays", n.Name, st)
		}
	}
	return true, ""
}

// askDelete asks before deleting the selected span and its subtree.
func (m *Model) askDelete() tea.Cmd {
	n := m.tree.Selected()
	nodes := m.session.Tree().Subtree(n)
	if ok, why := m.unsent(nodes); !ok {
		m.setErrorText("Not deleted: " + why + ".")
		return nil
	}
	running, queued := 0, 0
	for _, d := range nodes {
		switch {
		case !d.Finished:
			running++
		case d.Reported != nil:
			queued++
		}
	}
	q := fmt.Sprintf("Delete %s and its subtree (%s: %d running, %d queued, none sent)? (%s)",
		quoted(n.Name), plural(len(nodes), "span"), running, queued, keyName(both(m.keys.Yes, m.keys.No, "")))
	m.askYesNo(q, func() tea.Cmd {
		parent := n.Parent
		count, err := m.session.Discard(n)
		if err != nil {
			m.setError(fmt.Errorf("not deleted: %w", err))
			return nil
		}
		m.tree.Select(parent)
		m.tree.clamp()
		m.setStatus("Deleted %s: %s, none of it sent.", quoted(n.Name), plural(count, "span"))
		return nil
	})
	return nil
}

// askNewSession asks before clearing every span not sent yet.
func (m *Model) askNewSession() tea.Cmd {
	q := fmt.Sprintf("New session: delete every span not sent yet (running and queued)? Spans already sent stay listed. (%s)",
		keyName(both(m.keys.Yes, m.keys.No, "")))
	m.askYesNo(q, func() tea.Cmd {
		count, kept := m.clearUnsent(m.session.Tree().Roots())
		m.tree.kind = model.Undetermined // K applies to one span: a new session has none waiting
		m.tree.clamp()
		if kept > 0 {
			m.setStatus("New session: %s deleted; %s already sent stay listed.", plural(count, "span"), plural(kept, "span"))
		} else {
			m.setStatus("New session: %s deleted. %s starts a trace.", plural(count, "span"), keyName(m.keys.NewTrace))
		}
		return nil
	})
	return nil
}

// clearUnsent discards each subtree none of which was sent, and looks
// inside the others; kept counts the spans that stay.
func (m *Model) clearUnsent(nodes []*tracing.Node) (count, kept int) {
	for _, n := range append([]*tracing.Node(nil), nodes...) {
		if ok, _ := m.unsent(m.session.Tree().Subtree(n)); ok {
			if c, err := m.session.Discard(n); err == nil {
				count += c
				continue
			}
		}
		kept++
		c, k := m.clearUnsent(n.Children)
		count, kept = count+c, kept+k
	}
	return count, kept
}

// askYesNo puts a yes/no question on the status line; no leaves things as they
// are.
func (m *Model) askYesNo(question string, yes func() tea.Cmd) {
	m.setStatus("%s", question)
	m.openDialog(&confirm{paneBase: paneBase{common: m.common}, question: question, yes: yes,
		no: func() tea.Cmd {
			m.setStatus("Nothing deleted.")
			return nil
		}}, modeDialog)
}

// promptKeys are the actions that open a text prompt: refused, they still
// open one, so the name typed next lands there and not on the command keys.
func promptKeys(k *KeyMap) []*key.Binding {
	return []*key.Binding{&k.NewTrace, &k.Child, &k.Tag, &k.Error, &k.Annotate, &k.Remote,
		&k.Continue, &k.Endpoint, &k.Save, &k.Export}
}

// holdTyping opens a prompt that shows why b was refused and takes what is
// typed next (enter or esc closes it), when b would have opened one.
func (m *Model) holdTyping(b *key.Binding, reason string) tea.Cmd {
	for _, p := range promptKeys(m.keys) {
		if p != b {
			continue
		}
		return m.ask(promptSpec{
			title: fmt.Sprintf("%s refused: %s", b.Help().Key, reason),
			check: func(string) (string, string) {
				return fmt.Sprintf("Typing here runs no command; %s or %s closes.", keyName(m.keys.Accept), keyName(m.keys.Cancel)), ""
			},
			accept:    func(string) (tea.Cmd, error) { return nil, nil },
			cancelled: func() {},
		})
	}
	return nil
}
