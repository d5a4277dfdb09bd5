package ui

import "zipkin-playground/ui/component"

// learnLayout gives the lesson panel its place in learn mode: under the
// tree, above the B3 headers, when side by side; the details' place when
// stacked. The lesson never gives way: it keeps its title, what to press and
// three rows of its text; the tree and the B3 headers shrink first (the tree
// to one row, which follows the selection), then the B3 headers go.
func (s *screen) learnLayout(l *layoutSizes) {
	if !s.touring() {
		return
	}
	if l.Stacked {
		l.TreeH = max(3, l.UpperH/3)
		l.HdrH = l.UpperH - l.TreeH
		l.LessonH = l.HdrH
		return
	}
	chrome := 2
	if l.Compact {
		chrome = 1
	}
	w, _ := l.Inner(l.LeftW, 0)
	least := s.lesson.LinesAtLeast(w) + chrome
	need := s.lesson.LinesNeeded(w) + chrome
	treeWant := min(max(1, s.Session.Tree().Len()), 6) + chrome
	l.LessonH = min(l.UpperH-chrome-1, max(least, min(need, l.UpperH-l.HdrH-treeWant))) // the tree keeps a row
	rest := l.UpperH - l.LessonH
	l.HdrH = min(l.HdrH, max(chrome+1, rest-treeWant))
	if rest-l.HdrH < chrome+1 {
		l.HdrH = max(0, rest-chrome-1)
	}
	if l.HdrH < chrome+1 {
		l.HdrH = 0
	}
	l.TreeH = rest - l.HdrH
}

// lessonBox is the lesson panel under the tree (side by side), "" when the
// tour is off.
func (s *screen) lessonBox(l layoutSizes, at func(component.Component) string) string {
	if l.LessonH == 0 || l.Stacked {
		return ""
	}
	return "\n" + at(s.lesson)
}

// detailsOrLesson is the stacked screen's lower section: the lesson in learn
// mode, the details otherwise.
func (s *screen) detailsOrLesson(l layoutSizes, at func(component.Component) string) string {
	if l.LessonH > 0 {
		return at(s.lesson)
	}
	return s.details(l, at)
}
