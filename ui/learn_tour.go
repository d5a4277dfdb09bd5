package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The lesson pane runs the tour: it turns it on and off, moves between
// lessons (a lesson not done yet watches from the moment it starts) and
// checks the current lesson after every message. The tour being on is
// what learn mode is: the root and the screen ask active().

// newLearnPane is the lesson pane over the embedded lessons (without a tour
// when they fail to load: L then says why). It watches the tree's selection,
// quotes and waits for the delivery log, and counts the shop's calls.
func newLearnPane(c *common, tree *treePane, log *deliveryLog, shopCalls func() []answeredCall) *learnPane {
	p := &learnPane{paneBase: paneBase{common: c}, tree: tree, lastResult: log.lastResult, flushing: log.Flushing, shopCalls: shopCalls}
	if ls, err := builtinLessons(); err == nil {
		p.tour = newTour(ls)
	}
	return p
}

// active says whether the tour is on: the lesson on screen, its keys first.
func (p *learnPane) active() bool { return p.tour != nil && p.tour.active }

// unavailable is why L cannot start the tour ("" when it can).
func (p *learnPane) unavailable() string {
	if p.tour != nil {
		return ""
	}
	_, err := builtinLessons()
	return fmt.Sprintf("the lessons could not be loaded: %v", err)
}

// toggle enters the tour where it was left, or leaves it (progress kept).
func (p *learnPane) toggle() tea.Cmd {
	t := p.tour
	if t.active {
		t.active = false
		if p.Focused() {
			p.send(focusMsg{p.tree})
		}
		p.say("Left the tour at lesson %d/%d (%d done); {Learn} resumes it.", t.current+1, len(t.lessons), t.completed())
		return nil
	}
	t.active = true
	p.gotoLesson(t.current)
	return nil
}

// open turns the tour on at lesson i (0-based, clamped): a workshop's
// presenter moves everyone to the same lesson.
func (p *learnPane) open(i int) {
	if p.tour == nil {
		return
	}
	p.tour.active = true
	p.gotoLesson(i)
}

// gotoLesson makes lesson i current; a lesson not done yet starts watching
// from now.
func (p *learnPane) gotoLesson(i int) {
	t := p.tour
	t.current = max(0, min(i, len(t.lessons)-1))
	p.scroll.offset = 0
	if !t.Done() {
		t.snap = p.world().snapshot()
		if t.Lesson().Select == "running" {
			p.selectRunning()
		}
	}
	p.say("Lesson %d/%d: %s", t.current+1, len(t.lessons), t.Lesson().Title)
}

// world is what the checks watch.
func (p *learnPane) world() lessonWorld {
	return lessonWorld{common: p.common, selected: p.tree.Selected, shopCalls: p.shopCalls}
}

// selectRunning selects the latest running span unless a running one is
// selected already.
func (p *learnPane) selectRunning() {
	if n := p.tree.Selected(); n != nil && !n.Finished {
		return
	}
	nodes := p.session.Tree().Nodes()
	for i := len(nodes) - 1; i >= 0; i-- {
		if !nodes[i].Finished {
			p.tree.Select(nodes[i])
			return
		}
	}
}

// key handles the tour's own keys while it is on: L and esc leave (esc
// still cancels a running flush first), → and ← move between lessons, the
// text scrolls when the pane has focus. ok is false for every other key.
func (p *learnPane) key(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	if !p.active() {
		return nil, false
	}
	switch {
	case key.Matches(msg, p.keys.Learn),
		key.Matches(msg, p.keys.Cancel) && !p.flushing():
		return p.toggle(), true
	case handles(p, msg):
		_, cmd = p.Update(msg)
		return cmd, true
	}
	return nil, false
}

// check runs the current lesson's check (after every message); a lesson
// just done shows what happened from its first line.
func (p *learnPane) check() {
	if p.tour != nil && p.tour.check(p.world()) {
		p.scroll.offset = 0
	}
}
