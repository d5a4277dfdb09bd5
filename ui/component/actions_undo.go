package component

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// UndoDesk is delete and N: it asks first, then discards from the session
// only what no collector may hold yet, and moves the tree's selection off
// what is gone. It keeps nothing between keys.
type UndoDesk struct {
	*Common
	tree *TreePane
}

// unsent says whether none of the spans was handed to a collector: running,
// not sampled, or queued and never tried. It is why not when it is false.
func (u UndoDesk) unsent(nodes []*tracing.Node) (bool, string) {
	for _, n := range nodes {
		if n.Reported == nil {
			continue
		}
		if st := u.Session.Outbox().State(n.Key); st != outbox.Queued {
			return false, fmt.Sprintf("%q was already sent (%s): a collector may hold it, so it stays", n.Name, st)
		}
	}
	return true, ""
}

// AskDelete asks before deleting the selected span and its subtree.
func (u UndoDesk) AskDelete() tea.Cmd {
	n := u.tree.Selected()
	nodes := u.Session.Tree().Subtree(n)
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
		quoted(n.Name), Plural(len(nodes), "span"), running, queued, KeyName(Both(u.Keys.Yes, u.Keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		parent := n.Parent
		count, err := u.Session.Discard(n)
		if err != nil {
			u.sayError(fmt.Errorf("not deleted: %w", err).Error())
			return nil
		}
		u.tree.Select(parent)
		u.tree.clamp()
		u.say("Deleted %s: %s, none of it sent.", quoted(n.Name), Plural(count, "span"))
		return nil
	})
	return nil
}

// AskNewSession asks before clearing every span not sent yet.
func (u UndoDesk) AskNewSession() tea.Cmd {
	q := fmt.Sprintf("New session: delete every span not sent yet (running and queued)? Spans already sent stay listed. (%s)",
		KeyName(Both(u.Keys.Yes, u.Keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		count, kept := u.clearUnsent(u.Session.Tree().Roots())
		u.tree.kind = model.Undetermined // K applies to one span: a new session has none waiting
		u.tree.clamp()
		if kept > 0 {
			u.say("New session: %s deleted; %s already sent stay listed.", Plural(count, "span"), Plural(kept, "span"))
		} else {
			u.say("New session: %s deleted. %s starts a trace.", Plural(count, "span"), KeyName(u.Keys.NewTrace))
		}
		return nil
	})
	return nil
}

// clearUnsent discards each subtree none of which was sent, and looks
// inside the others; kept counts the spans that stay.
func (u UndoDesk) clearUnsent(nodes []*tracing.Node) (count, kept int) {
	for _, n := range append([]*tracing.Node(nil), nodes...) {
		if ok, _ := u.unsent(u.Session.Tree().Subtree(n)); ok {
			if c, err := u.Session.Discard(n); err == nil {
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
func (u UndoDesk) askYesNo(question string, yes func() tea.Cmd) {
	u.say("%s", question)
	u.open(&Confirm{PaneBase: PaneBase{Common: u.Common}, question: question, yes: yes,
		no: func() tea.Cmd {
			u.say("Nothing deleted.")
			return nil
		}})
}

// NewUndoDesk is u and D over the tree's selection.
func NewUndoDesk(c *Common, tree *TreePane) UndoDesk { return UndoDesk{Common: c, tree: tree} }
