package pane

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Learn shows the current lesson beside the panes it talks about (it
// takes the lower part of the tree's column, or the details when narrow), so
// the keys the lesson asks for reach the app, not a modal. What to press
// stays pinned however small the pane; the teaching text scrolls (tab gives
// the pane the keys) with a "↓ N more" line saying how much is below.
// It owns the tour (learn_tour.go): its progress, the moves between
// lessons and the checks; it asks the root only for the status line and the
// focus.
type Learn struct {
	component.PaneBase
	Tour       *Tour                 // the progress; nil when the lessons failed to load
	tree       *Tree                 // the selection the checks watch, and where focus goes on leaving
	lastResult func() string         // the delivery log's newest line, for the lessons that quote it
	flushing   func() bool           // a flush is running: esc cancels it before it leaves the tour
	shopCalls  func() []AnsweredCall // the calls the demo shop answered, for its lesson
	scroll     component.Scroller
}

// lessonParts are a lesson's lines at one width: pinned above the text, the
// text that scrolls, pinned below it, and the way on.
type lessonParts struct {
	top, body, bottom, foot []string
}

// Title is the progress and the lesson's title, or the progress alone when
// the title would not fit in the border (the title then leads the text).
func (p *Learn) Title() string {
	t := p.Tour
	if t == nil {
		return "Learn"
	}
	progress := fmt.Sprintf("Lesson %d/%d", t.current+1, len(t.Lessons))
	if p.titleFits(p.Width) {
		return progress + " · " + t.lesson().Title
	}
	return progress
}

// titleFits says whether the whole title fits in the top border of a box
// w columns wide inside (corners, spaces and the focus mark around it).
func (p *Learn) titleFits(w int) bool {
	t := p.Tour
	title := fmt.Sprintf("Lesson %d/%d · %s", t.current+1, len(t.Lessons), t.lesson().Title)
	return lipgloss.Width(component.FocusMark+title)+5 <= w+2
}

// Update moves between lessons and scrolls the text when the pane has
// focus (key handles leaving).
func (p *Learn) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || p.Tour == nil {
		return p, nil
	}
	switch {
	case key.Matches(km, p.Keys.NextLesson):
		p.gotoLesson(p.Tour.current + 1)
	case key.Matches(km, p.Keys.PrevLesson):
		p.gotoLesson(p.Tour.current - 1)
	default:
		parts := p.parts(max(10, p.Width))
		p.scroll.Key(p.Keys, km, len(parts.body), p.textRows(parts))
	}
	return p, nil
}

// ShortHelp is the lesson keys.
func (p *Learn) ShortHelp() []key.Binding {
	return []key.Binding{p.Keys.NextLesson, p.Keys.PrevLesson, p.Keys.Learn}
}

// FullHelp is the lesson keys, and the scroll keys when it has focus.
func (p *Learn) FullHelp() [][]key.Binding {
	keys := [][]key.Binding{{p.Keys.NextLesson, p.Keys.PrevLesson}}
	if p.Focused() {
		keys = append(keys, component.NavKeys(p.Keys))
	}
	return keys
}

// parts lays the lesson out at width w: while pending, the teaching text
// scrolls above what to press (pinned); once done, what just happened
// scrolls under its heading.
func (p *Learn) parts(w int) lessonParts {
	t := p.Tour
	st := p.Styles
	l := t.lesson()
	var parts lessonParts
	if !p.titleFits(w) {
		parts.top = styled(st.Title.Render, component.Wrap(l.Title, w))
	}
	if t.Done() {
		parts.top = append(parts.top, st.Delivered.Render("✓ Done. What just happened:"))
		parts.body = component.Wrap(l.doneFor(p.Policy), w)
		if q := p.quote(l); q != "" {
			parts.body = append(append(component.Wrap(q, w), ""), parts.body...)
		}
	} else {
		parts.body = component.Wrap(l.Teach, w)
		parts.bottom = component.Wrap(st.Label.Render("Do: ")+l.Do, w)
	}
	// The way on fits 40 columns: each key by its first symbol.
	k := p.Keys
	first := func(b key.Binding) string { s, _, _ := strings.Cut(component.KeyName(b), "/"); return s }
	next, back, leave := first(k.NextLesson)+" next", first(k.PrevLesson)+" back", component.KeyName(k.Cancel)+" leaves"
	nav := next + " lesson · " + back + " · " + first(k.Learn) + " or " + leave
	if !t.Done() {
		nav = "○ waiting · " + next + " · " + back + " · " + leave
	}
	if t.current == len(t.Lessons)-1 {
		nav = fmt.Sprintf("last · %d/%d done · %s · %s", t.completed(), len(t.Lessons), back, leave)
	}
	parts.foot = styled(st.Dim.Render, component.Wrap(nav, w))
	return parts
}

// quote is the line the lesson's done text points at, as that pane shows it.
func (p *Learn) quote(l Lesson) string {
	if l.Quote == "delivery" {
		if line := p.lastResult(); line != "" {
			return "The delivery log's last line: " + line
		}
	}
	return ""
}

// styled renders each line with style.
func styled(style func(...string) string, lines []string) []string {
	for i, l := range lines {
		lines[i] = style(l)
	}
	return lines
}

// textRows is how many rows the scrolling text gets in the pane's height.
func (p *Learn) textRows(parts lessonParts) int {
	return max(0, p.Height-len(parts.top)-len(parts.bottom)-len(parts.foot))
}

// View is the lesson: what it teaches and what to press while pending, what
// just happened once done, and the way on.
func (p *Learn) View() string {
	if p.Tour == nil {
		return ""
	}
	parts := p.parts(max(10, p.Width))
	// Below the least the layout gives (a screen under 24 rows), what to
	// press stays longest: the way on goes first, then the title.
	if len(parts.top)+len(parts.bottom)+len(parts.foot) > p.Height {
		parts.foot = nil
	}
	if len(parts.top)+len(parts.bottom) > p.Height {
		parts.top = nil
	}
	rows := p.textRows(parts)
	body := parts.body
	if rows > 0 {
		start := min(p.scroll.Offset, max(0, len(body)-rows))
		p.scroll.Offset = start
		body = body[start:]
		if len(body) > rows {
			how := "tab, then j"
			if p.Focused() {
				how = "j"
			}
			more := len(body) - (rows - 1)
			body = append(body[:rows-1:rows-1], p.Styles.Dim.Render(fmt.Sprintf("↓ %d more (%s)", more, how)))
		}
	} else {
		body = nil
	}
	lines := append(append(append(append([]string{}, parts.top...), body...), parts.bottom...), parts.foot...)
	return strings.Join(lines, "\n")
}

// LinesNeeded is how many lines the whole lesson takes at width w.
func (p *Learn) LinesNeeded(w int) int {
	if p.Tour == nil {
		return 0
	}
	parts := p.parts(max(10, w))
	return len(parts.top) + len(parts.body) + len(parts.bottom) + len(parts.foot)
}

// LinesAtLeast is the least the lesson keeps at width w: its pinned lines
// and three rows of its text (and the line saying how much more there is).
func (p *Learn) LinesAtLeast(w int) int {
	if p.Tour == nil {
		return 0
	}
	parts := p.parts(max(10, w))
	rows := len(parts.body)
	if rows > 3 {
		rows = 4
	}
	return len(parts.top) + rows + len(parts.bottom) + len(parts.foot)
}

// NewLearn is the lesson pane over the embedded lessons (without a tour
// when they fail to load: L then says why). It watches the tree's selection,
// quotes and waits for the delivery log, and counts the shop's calls.
func NewLearn(c *component.Common, tree *Tree, log *DeliveryLog, shopCalls func() []AnsweredCall) *Learn {
	p := &Learn{PaneBase: component.PaneBase{Common: c}, tree: tree, lastResult: log.lastResult, flushing: log.Flushing, shopCalls: shopCalls}
	if ls, err := BuiltinLessons(); err == nil {
		p.Tour = newTour(ls)
	}
	return p
}
