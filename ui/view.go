package ui

import (
	"fmt"
	"strings"
)

// View draws the screen.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.width == 0 {
		return "starting…"
	}
	if m.width < MinWidth || m.height < MinHeight {
		return fitBlock(fmt.Sprintf("terminal too small: %d×%d\nneed at least %d×%d", m.width, m.height, MinWidth, MinHeight), m.width, m.height)
	}
	l := m.layout()
	var body string
	switch m.mode {
	case modeHelp:
		body = fitBlock(m.styles.Status.Render(m.helpView.Title())+"\n\n"+m.helpView.View(), m.width, l.bodyH)
	case modeDialog:
		body = m.overlay(m.mainBody(l), m.dialog.View())
	default:
		body = m.mainBody(l)
	}
	parts := append(topBar{m.common, m.tree.NextKind()}.lines(m.width, m.height), body)
	style := m.styles.Status
	if m.statusBad {
		style = m.styles.Bad
	}
	for _, s := range m.statusLines(m.width, m.height) {
		parts = append(parts, fitLine(style.Render(s), m.width))
	}
	return m.clipboard.seq + strings.Join(append(parts, fitLine(m.helpLine(), m.width)), "\n")
}

// focusMark marks the focused pane's title, so focus shows without colour.
const focusMark = "▸ "

// box draws a component in a titled box of outer size w×h: the title in the
// top border, or on a line of its own when compact.
func (m *Model) box(l layoutSizes, c component, w, h int) string {
	content := c.View() // first: a pane's title may count what its view measured
	return m.boxOf(l, c.Title(), content, w, h, c.Focused())
}

func (m *Model) boxOf(l layoutSizes, title, content string, w, h int, focused bool) string {
	titleStyle := m.styles.Title
	if focused {
		title, titleStyle = focusMark+title, m.styles.FocusTitle
	}
	if l.compact {
		return fitBlock(titleStyle.Render(fitLine(title, w))+"\n"+content, w, h)
	}
	return pane(m.styles, titleStyle.Render(title), content, w, h, focused)
}

// mainBody is the panes: tree and B3 headers, inspector (and what was
// received), then the delivery log.
func (m *Model) mainBody(l layoutSizes) string {
	var upper string
	if l.stacked {
		upper = m.box(l, m.tree, m.width, l.treeH) + "\n" + m.details(l)
	} else {
		left := m.box(l, m.tree, l.leftW, l.treeH)
		if l.lessonH > 0 { // the tour's lesson under the tree
			left += "\n" + m.box(l, m.lesson, l.leftW, l.lessonH)
		}
		if l.hdrH > 0 { // a short screen in learn mode gives the B3 headers' room to the lesson
			left += "\n" + m.box(l, m.headers, l.leftW, l.hdrH)
		}
		right := m.box(l, m.inspector, l.inspW, l.upperH)
		if m.received.Focused() && !l.beside {
			right = m.box(l, m.received, l.inspW, l.upperH)
		}
		cols := []string{left, right}
		if l.beside {
			cols = append(cols, m.box(l, m.received, l.recvW, l.upperH))
		}
		upper = besides(cols...)
	}
	return upper + "\n" + m.box(l, m.log, m.width, l.logH)
}

// besides puts blocks of the same height side by side. Every block is
// already exactly its size (fitBlock), so lines are joined as they are:
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

// details is the stacked screen's lower section: the lesson while the tour
// is on; else the focused one of inspector, B3 headers and received spans,
// or the headers then the inspector when none of them has focus.
func (m *Model) details(l layoutSizes) string {
	if l.lessonH > 0 { // the tour's lesson takes the details' place
		return m.box(l, m.lesson, m.width, l.hdrH)
	}
	for _, c := range []component{m.inspector, m.headers, m.received} {
		if c.Focused() {
			return m.box(l, c, m.width, l.hdrH)
		}
	}
	w, h := l.inner(m.width, l.hdrH)
	lines := append(m.headers.lines(), m.styles.Title.Render("Inspector"))
	lines = append(lines, m.inspector.lines()...)
	more := ""
	if len(lines) > h {
		more = fmt.Sprintf(" · ↓%d more (%s)", len(lines)-h, keyName(m.keys.Tab))
	}
	b3 := fmt.Sprintf("B3 headers · %s", m.session.Config().B3)
	short := b3
	if more != "" {
		short += fmt.Sprintf(" ↓%d", len(lines)-h)
	}
	title := fitTitle(w, b3+" ("+keyName(m.keys.B3)+" cycles)"+more, b3+more, short)
	return m.boxOf(l, title, strings.Join(lines[:min(h, len(lines))], "\n"), m.width, l.hdrH, false)
}

// overlay puts a dialog over the lower part of the body.
func (m *Model) overlay(body, dialog string) string {
	if dialog == "" {
		return body
	}
	lines := strings.Split(body, "\n")
	dl := strings.Split(dialog, "\n")
	start := max(0, len(lines)-len(dl))
	for i, d := range dl {
		if start+i < len(lines) {
			lines[start+i] = fitLine(d, m.width)
		}
	}
	return strings.Join(lines, "\n")
}
