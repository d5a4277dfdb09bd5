package desk

import (
	"fmt"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// Undo is delete and N: it asks first, then discards from the session
// only what no collector may hold yet, and moves the tree's selection off
// what is gone. It keeps nothing between keys.
type Undo struct {
	*component.Common
	tree *pane.Tree
}

// unsent says whether none of the spans was handed to a collector: running,
// not sampled, or queued and never tried. It is why not when it is false.
func (u Undo) unsent(nodes []*tracing.Node) (bool, string) {
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
func (u Undo) AskDelete() tea.Cmd {
	n := u.tree.Selected()
	nodes := u.Session.Tree().Subtree(n)
	if ok, why := u.unsent(nodes); !ok {
		u.SayError("Not deleted: " + why + ".")
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
		component.Quoted(n.Name), component.Plural(len(nodes), "span"), running, queued, component.KeyName(component.Both(u.Keys.Yes, u.Keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		parent := n.Parent
		count, err := u.Session.Discard(n)
		if err != nil {
			u.SayError(fmt.Errorf("not deleted: %w", err).Error())
			return nil
		}
		u.tree.Select(parent)
		u.tree.Clamp()
		u.Say("Deleted %s: %s, none of it sent.", component.Quoted(n.Name), component.Plural(count, "span"))
		return nil
	})
	return nil
}

// AskNewSession asks before clearing every span not sent yet.
func (u Undo) AskNewSession() tea.Cmd {
	q := fmt.Sprintf("New session: delete every span not sent yet (running and queued)? Spans already sent stay listed. (%s)",
		component.KeyName(component.Both(u.Keys.Yes, u.Keys.No, "")))
	u.askYesNo(q, func() tea.Cmd {
		count, kept := u.clearUnsent(u.Session.Tree().Roots())
		u.tree.Kind = model.Undetermined // K applies to one span: a new session has none waiting
		u.tree.Clamp()
		if kept > 0 {
			u.Say("New session: %s deleted; %s already sent stay listed.", component.Plural(count, "span"), component.Plural(kept, "span"))
		} else {
			u.Say("New session: %s deleted. %s starts a trace.", component.Plural(count, "span"), component.KeyName(u.Keys.NewTrace))
		}
		return nil
	})
	return nil
}

// clearUnsent discards each subtree none of which was sent, and looks
// inside the others; kept counts the spans that stay.
func (u Undo) clearUnsent(nodes []*tracing.Node) (count, kept int) {
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
func (u Undo) askYesNo(question string, yes func() tea.Cmd) {
	u.Say("%s", question)
	u.Open(&dialog.Confirm{PaneBase: component.PaneBase{Common: u.Common}, Question: question, Yes: yes,
		No: func() tea.Cmd {
			u.Say("Nothing deleted.")
			return nil
		}})
}

// NewUndo is u and D over the tree's selection.
func NewUndo(c *component.Common, tree *pane.Tree) Undo {
	return Undo{Common: c, tree: tree}
}
