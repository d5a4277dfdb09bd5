package ui

import (
	"fmt"

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
		{&k.Delete, needSelected, with(undoOf, undoDesk.askDelete)},
		{&k.NewSession, nil, with(undoOf, undoDesk.askNewSession)},
	}
}

// undoDesk is delete and N: it asks first, then discards from the session
// only what no collector may hold yet, and moves the tree's selection off
// what is gone. It keeps nothing between keys.
type undoDesk struct {
	*common
	tree *treePane
}

// undoOf is the undo desk, for the actions it does.
func undoOf(m *Model) undoDesk { return undoDesk{m.common, m.tree} }

// unsent says whether none of the spans was handed to a collector: running,
// not sampled, or queued and never tried. It is why not when it is false.
func (u undoDesk) unsent(nodes []*tracing.Node) (bool, string) {
	for _, n := range nodes {
		if n.Reported == nil {
			continue
		}
		if st := u.session.Outbox().State(n.Key); st != outbox.Queued {
			return false, fmt.Sprintf("%q was already sent (%s): a collector may hold it, so it stays", n.Name, st)
		}
	}
	return true, ""
}

// askDelete asks before deleting the selected span and its subtree.
func (u undoDesk) askDelete() tea.Cmd {
	n := u.tree.Selected()
	nodes := u.session.Tree().Subtree(n)
	if ok, why := u.unsent(nodes); !ok {
		u.sayError("Not deleted: " + why + ".")
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
		quoted(n.Name), plural(len(nodes), "span"), running, queued, keyName(both(u.keys.Yes, u.keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		parent := n.Parent
		count, err := u.session.Discard(n)
		if err != nil {
			u.sayError(fmt.Errorf("not deleted: %w", err).Error())
			return nil
		}
		u.tree.Select(parent)
		u.tree.clamp()
		u.say("Deleted %s: %s, none of it sent.", quoted(n.Name), plural(count, "span"))
		return nil
	})
	return nil
}

// askNewSession asks before clearing every span not sent yet.
func (u undoDesk) askNewSession() tea.Cmd {
	q := fmt.Sprintf("New session: delete every span not sent yet (running and queued)? Spans already sent stay listed. (%s)",
		keyName(both(u.keys.Yes, u.keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		count, kept := u.clearUnsent(u.session.Tree().Roots())
		u.tree.kind = model.Undetermined // K applies to one span: a new session has none waiting
		u.tree.clamp()
		if kept > 0 {
			u.say("New session: %s deleted; %s already sent stay listed.", plural(count, "span"), plural(kept, "span"))
		} else {
			u.say("New session: %s deleted. %s starts a trace.", plural(count, "span"), keyName(u.keys.NewTrace))
		}
		return nil
	})
	return nil
}

// clearUnsent discards each subtree none of which was sent, and looks
// inside the others; kept counts the spans that stay.
func (u undoDesk) clearUnsent(nodes []*tracing.Node) (count, kept int) {
	for _, n := range append([]*tracing.Node(nil), nodes...) {
		if ok, _ := u.unsent(u.session.Tree().Subtree(n)); ok {
			if c, err := u.session.Discard(n); err == nil {
				count += c
				continue
			}
		}
		kept++
		c, k := u.clearUnsent(n.Children)
		count, kept = count+c, kept+k
	}
	return count, kept
}

// askYesNo puts a yes/no question on the status line; no leaves things as they
// are.
func (u undoDesk) askYesNo(question string, yes func() tea.Cmd) {
	u.say("%s", question)
	u.open(&confirm{paneBase: paneBase{common: u.common}, question: question, yes: yes,
		no: func() tea.Cmd {
			u.say("Nothing deleted.")
			return nil
		}})
}
