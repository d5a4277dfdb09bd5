package ui

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"
)

// View draws the screen.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	return m.screen.view(frame{mode: m.mode, dialog: m.dialog, status: m.status, bad: m.statusBad, lead: m.clipboard.Lead()})
}

// view draws the frame: the top bar, the panes (or the help, or a dialog
// over them), the status and the bottom line.
func (s *screen) view(f frame) string {
	if s.width == 0 {
		return "starting…"
	}
	if s.width < MinWidth || s.height < MinHeight {
		return component.FitBlock(fmt.Sprintf("terminal too small: %d×%d\nneed at least %d×%d", s.width, s.height, MinWidth, MinHeight), s.width, s.height)
	}
	l := s.layoutFor(f.status)
	var body string
	switch f.mode {
	case modeHelp:
		body = component.FitBlock(s.Styles.Status.Render(s.helpView.Title())+"\n\n"+s.helpView.View(), s.width, l.BodyH)
	case modeDialog:
		body = s.overlay(s.mainBody(l), f.dialog.View())
	default:
		body = s.mainBody(l)
	}
	parts := append(pane.NewTopBar(s.Common, s.tree.NextKind()).Lines(s.width, s.height), body)
	style := s.Styles.Status
	if f.bad {
		style = s.Styles.Bad
	}
	for _, line := range statusLines(f.status, s.width, s.height) {
		parts = append(parts, component.FitLine(style.Render(line), s.width))
	}
	return f.lead + strings.Join(append(parts, component.FitLine(s.helpLine(f.mode, f.dialog), s.width)), "\n")
}

// box draws a component in a titled box of outer size w×h: the title in the
// top border, or on a line of its own when compact.
func (s *screen) box(l layoutSizes, c component.Component, w, h int) string {
	content := c.View() // first: a pane's title may count what its view measured
	return s.boxOf(l, c.Title(), content, w, h, c.Focused())
}

func (s *screen) boxOf(l layoutSizes, title, content string, w, h int, focused bool) string {
	titleStyle := s.Styles.Title
	if focused {
		title, titleStyle = component.FocusMark+title, s.Styles.FocusTitle
	}
	if l.Compact {
		return component.FitBlock(titleStyle.Render(component.FitLine(title, w))+"\n"+content, w, h)
	}
	return bordered(s.Styles, titleStyle.Render(title), content, w, h, focused)
}

// mainBody is the panes: tree and B3 headers, inspector (and what was
// received), then the delivery log, each in its box at the size placements
// gave it.
func (s *screen) mainBody(l layoutSizes) string {
	at := s.boxes(l)
	var upper string
	if l.Stacked {
		upper = at(s.tree) + "\n" + s.detailsOrLesson(l, at)
	} else {
		left := at(s.tree) + s.lessonBox(l, at)
		if l.HdrH > 0 { // a short screen in learn mode gives the B3 headers' room to the lesson
			left += "\n" + at(s.headers)
		}
		right := at(s.inspector)
		if s.received.Focused() && !l.Beside {
			right = at(s.received)
		}
		cols := []string{left, right}
		if l.Beside {
			cols = append(cols, at(s.received))
		}
		upper = besides(cols...)
	}
	return upper + "\n" + at(s.log)
}

// boxes draws a pane in its box at the outer size placements gives it, so
// each pane's size is decided in one place.
func (s *screen) boxes(l layoutSizes) func(component.Component) string {
	placed := map[component.Component]component.Placement{}
	for _, p := range s.placements(l) {
		placed[p.C] = p
	}
	return func(c component.Component) string {
		p := placed[c]
		return s.box(l, c, p.OuterW, p.OuterH)
	}
}

// besides puts blocks of the same height side by side. Every block is
// already exactly its size (FitBlock), so lines are joined as they are:
// cheaper than measuring them again as lipgloss.JoinHorizontal does.
func besides(blocks ...string) string {
	cols := make([][]string, len(blocks))
	for i, b := range blocks {
		cols[i] = strings.Split(b, "\n")
	}
	var out strings.Builder
	for row := range cols[0] {
		if row > 0 {
			out.WriteByte('\n')
		}
		for _, c := range cols {
			if row < len(c) {
				out.WriteString(c[row])
			}
		}
	}
	return out.String()
}

// details is the stacked screen's lower section: the focused one of
// inspector, B3 headers and received spans, or the headers then the
// inspector when none of them has focus.
func (s *screen) details(l layoutSizes, at func(component.Component) string) string {
	for _, c := range []component.Component{s.inspector, s.headers, s.received} {
		if c.Focused() {
			return at(c)
		}
	}
	w, h := l.Inner(s.width, l.HdrH)
	lines := append(s.headers.Lines(), s.Styles.Title.Render("Inspector"))
	lines = append(lines, s.inspector.Lines()...)
	more := ""
	if len(lines) > h {
		more = fmt.Sprintf(" · ↓%d more (%s)", len(lines)-h, component.KeyName(s.Keys.Tab))
	}
	b3 := fmt.Sprintf("B3 headers · %s", s.Session.Config().B3)
	short := b3
	if more != "" {
		short += fmt.Sprintf(" ↓%d", len(lines)-h)
	}
	title := component.FitTitle(w, b3+" ("+component.KeyName(s.Keys.B3)+" cycles)"+more, b3+more, short)
	return s.boxOf(l, title, strings.Join(lines[:min(h, len(lines))], "\n"), s.width, l.HdrH, false)
}

// overlay puts a dialog over the lower part of the body.
func (s *screen) overlay(body, dialog string) string {
	if dialog == "" {
		return body
	}
	lines := strings.Split(body, "\n")
	dl := strings.Split(dialog, "\n")
	start := max(0, len(lines)-len(dl))
	for i, d := range dl {
		if start+i < len(lines) {
			lines[start+i] = component.FitLine(d, s.width)
		}
	}
	return strings.Join(lines, "\n")
}
