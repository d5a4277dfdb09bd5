package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// learnPane shows the current lesson beside the panes it talks about (it
// takes the lower part of the tree's column, or the details when narrow), so
// the keys the lesson asks for reach the app, not a modal.
type learnPane struct {
	paneBase
	root *Model
}

// Title is the progress and the lesson's title.
func (p *learnPane) Title() string {
	t := p.root.tour
	if t == nil {
		return "Learn"
	}
	return fmt.Sprintf("Lesson %d/%d · %s", t.current+1, len(t.lessons), t.Lesson().Title)
}

// Update moves between lessons (the root handles leaving).
func (p *learnPane) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || p.root.tour == nil {
		return p, nil
	}
	switch {
	case key.Matches(km, p.keys.NextLesson):
		p.root.gotoLesson(p.root.tour.current + 1)
	case key.Matches(km, p.keys.PrevLesson):
		p.root.gotoLesson(p.root.tour.current - 1)
	}
	return p, nil
}

// ShortHelp is the lesson keys.
func (p *learnPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.NextLesson, p.keys.PrevLesson, p.keys.Learn}
}

// FullHelp is the lesson keys.
func (p *learnPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.NextLesson, p.keys.PrevLesson}}
}

// View is the lesson: what it teaches and what to press while pending, what
// just happened once done, and the way on.
func (p *learnPane) View() string {
	t := p.root.tour
	if t == nil {
		return ""
	}
	st := p.styles
	w := max(10, p.width)
	wrap := func(s string) string { return lipgloss.NewStyle().Width(w).Render(s) }
	l := t.Lesson()
	room := p.height - 1 // the way on keeps the last line
	var lines []string
	if t.Done() {
		lines = fitFirst(strings.Split(wrap(l.Done), "\n"), nil, room-1)
		lines = append([]string{st.Delivered.Render("✓ Done. What just happened:")}, lines...)
	} else {
		// What to press stays on screen however small the panel: the
		// teaching text gives way first.
		do := strings.Split(wrap(st.Label.Render("Do: ")+l.Do), "\n")
		do = append(do, st.Dim.Render("○ waiting for you to do it…"))
		lines = fitFirst(strings.Split(wrap(l.Teach), "\n"), do, room)
	}
	k := p.keys
	nav := keyHelp(k.NextLesson, as(k.PrevLesson, "back"), both(k.Learn, k.Cancel, "leaves (progress kept)"))
	if t.current == len(t.lessons)-1 {
		nav = fmt.Sprintf("last lesson · %d/%d done · %s", t.completed(), len(t.lessons), keyHelp(as(k.PrevLesson, "back"), both(k.Learn, k.Cancel, "leaves")))
	}
	if len(lines) > room && room >= 1 {
		lines = lines[:room]
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, st.Dim.Render(wrapCut(nav, w))), "\n")
}

// linesNeeded is how many lines the lesson's text takes at width w, the way
// on included.
func (p *learnPane) linesNeeded(w int) int {
	t := p.root.tour
	if t == nil {
		return 0
	}
	count := func(s string) int { return strings.Count(lipgloss.NewStyle().Width(max(10, w)).Render(s), "\n") + 1 }
	l := t.Lesson()
	if t.Done() {
		return 1 + count(l.Done) + 1
	}
	return count(l.Teach) + count("Do: "+l.Do) + 1 + 1
}

// fitFirst is head cut to leave room for tail (marked … when cut), then
// tail.
func fitFirst(head, tail []string, room int) []string {
	if keep := room - len(tail); len(head) > keep {
		head = head[:max(0, keep)]
		if len(head) > 0 {
			head[len(head)-1] += "…"
		}
	}
	return append(head, tail...)
}

// wrapCut cuts s to w columns.
func wrapCut(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return lipgloss.NewStyle().MaxWidth(w).Render(s)
}
