package ui

// learnLayout gives the lesson panel its place in learn mode: under the
// tree, above the B3 headers, when side by side; the details' place when
// stacked. The lesson never gives way: it keeps its title, what to press and
// three rows of its text; the tree and the B3 headers shrink first (the tree
// to one row, which follows the selection), then the B3 headers go.
func (s *screen) learnLayout(l *layoutSizes) {
	if !s.touring() {
		return
	}
	if l.stacked {
		l.treeH = max(3, l.upperH/3)
		l.hdrH = l.upperH - l.treeH
		l.lessonH = l.hdrH
		return
	}
	chrome := 2
	if l.compact {
		chrome = 1
	}
	w, _ := l.inner(l.leftW, 0)
	least := s.lesson.linesAtLeast(w) + chrome
	need := s.lesson.linesNeeded(w) + chrome
	treeWant := min(max(1, s.session.Tree().Len()), 6) + chrome
	l.lessonH = min(l.upperH-chrome-1, max(least, min(need, l.upperH-l.hdrH-treeWant))) // the tree keeps a row
	rest := l.upperH - l.lessonH
	l.hdrH = min(l.hdrH, max(chrome+1, rest-treeWant))
	if rest-l.hdrH < chrome+1 {
		l.hdrH = max(0, rest-chrome-1)
	}
	if l.hdrH < chrome+1 {
		l.hdrH = 0
	}
	l.treeH = rest - l.hdrH
}

// lessonBox is the lesson panel under the tree (side by side), "" when the
// tour is off.
func (s *screen) lessonBox(l layoutSizes) string {
	if l.lessonH == 0 || l.stacked {
		return ""
	}
	return "\n" + s.box(l, s.lesson, l.leftW, l.lessonH)
}

// detailsOrLesson is the stacked screen's lower section: the lesson in learn
// mode, the details otherwise.
func (s *screen) detailsOrLesson(l layoutSizes) string {
	if l.lessonH > 0 {
		return s.box(l, s.lesson, s.width, l.hdrH)
	}
	return s.details(l)
}
