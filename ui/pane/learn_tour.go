package pane

import (
	"fmt"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Active says whether the tour is on: the lesson on screen, its keys first.
func (p *Learn) Active() bool { return p.Tour != nil && p.Tour.active }

// Unavailable is why L cannot start the tour ("" when it can).
func (p *Learn) Unavailable() string {
	if p.Tour != nil {
		return ""
	}
	_, err := BuiltinLessons()
	return fmt.Sprintf("the lessons could not be loaded: %v", err)
}

// Toggle enters the tour where it was left, or leaves it (progress kept).
func (p *Learn) Toggle() tea.Cmd {
	t := p.Tour
	if t.active {
		t.active = false
		if p.Focused() {
			p.Send(component.FocusMsg{C: p.tree})
		}
		p.Say("Left the tour at lesson %d/%d (%d done); {Learn} resumes it.", t.current+1, len(t.Lessons), t.completed())
		return nil
	}
	t.active = true
	p.gotoLesson(t.current)
	return nil
}

// Open turns the tour on at lesson i (0-based, clamped): a workshop's
// presenter moves everyone to the same lesson.
func (p *Learn) Open(i int) {
	if p.Tour == nil {
		return
	}
	p.Tour.active = true
	p.gotoLesson(i)
}

// gotoLesson makes lesson i current; a lesson not done yet starts watching
// from now.
func (p *Learn) gotoLesson(i int) {
	t := p.Tour
	t.current = max(0, min(i, len(t.Lessons)-1))
	p.scroll.Offset = 0
	if !t.Done() {
		t.snap = p.world().snapshot()
		if t.lesson().Select == "running" {
			p.selectRunning()
		}
	}
	p.Say("Lesson %d/%d: %s", t.current+1, len(t.Lessons), t.lesson().Title)
}

// world is what the checks watch.
func (p *Learn) world() lessonWorld {
	return lessonWorld{Common: p.Common, selected: p.tree.Selected, shopCalls: p.shopCalls}
}

// selectRunning selects the latest running span unless a running one is
// selected already.
func (p *Learn) selectRunning() {
	if n := p.tree.Selected(); n != nil && !n.Finished {
		return
	}
	nodes := p.Session.Tree().Nodes()
	for i := len(nodes) - 1; i >= 0; i-- {
		if !nodes[i].Finished {
			p.tree.Select(nodes[i])
			return
		}
	}
}

// Key handles the tour's own keys while it is on: L and esc leave (esc
// still cancels a running flush first), → and ← move between lessons, the
// text scrolls when the pane has focus. ok is false for every other key.
func (p *Learn) Key(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	if !p.Active() {
		return nil, false
	}
	switch {
	case key.Matches(msg, p.Keys.Learn),
		key.Matches(msg, p.Keys.Cancel) && !p.flushing():
		return p.Toggle(), true
	case component.Handles(p, msg):
		_, cmd = p.Update(msg)
		return cmd, true
	}
	return nil, false
}

// Check runs the current lesson's check (after every message); a lesson
// just done shows what happened from its first line.
func (p *Learn) Check() {
	if p.Tour != nil && p.Tour.check(p.world()) {
		p.scroll.Offset = 0
	}
}
