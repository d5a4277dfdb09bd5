package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"
)

// layout measures the screen for the current window, the status it last
// laid out for and the content.
func (s *screen) layout() layoutSizes { return s.layoutFor(s.status) }

// layoutFor measures the screen for the current window, status and content.
func (s *screen) layoutFor(status string) layoutSizes {
	w, h := s.width, s.height
	l := layoutSizes{Stacked: w < stackBelowW, Compact: w < stackBelowW || h < borderlessH}
	l.Beside = !l.Stacked && w >= receivedBeside && s.received.Available()
	l.TopH = len(pane.NewTopBar(s.Common, s.tree.NextKind()).Lines(w, h)) // two lines, or more when a field wraps
	l.StatusH = len(statusLines(status, w, h))
	l.BodyH = max(3, h-l.TopH-l.StatusH-1) // and the help line
	switch {
	case s.touring() && !l.Stacked:
		l.LogH = max(3, l.BodyH/6) // the lesson needs the room more
	case l.Compact:
		l.LogH = max(3, l.BodyH/4)
	default:
		l.LogH = max(6, l.BodyH/4)
	}
	l.UpperH = l.BodyH - l.LogH
	if l.Stacked {
		s.stack(&l)
		s.learnLayout(&l)
		return l
	}
	l.InspW = max(36, w*9/20) // 16-hex IDs beside their labels
	if s.received.Focused() {
		// Focused, the Received pane in that column needs the width for
		// its trace titles and waterfalls more than the tree does.
		l.InspW = max(l.InspW, w*3/5)
	}
	if l.Beside {
		l.InspW = max(36, w*28/100)
		l.RecvW = w * 36 / 100
	}
	l.LeftW = w - l.InspW - l.RecvW
	// The B3 headers take what they need under the tree, up to half.
	chrome := 2
	if l.Compact {
		chrome = 1
	}
	hdrW, _ := l.Inner(l.LeftW, 0)
	l.HdrH = min(l.UpperH/2, len(s.headers.LinesAt(hdrW))+chrome)
	l.TreeH = l.UpperH - l.HdrH
	s.learnLayout(&l)
	return l
}

// stack shares the height of stacked panes: the focused one gets the most,
// the others keep their title and a line or two.
func (s *screen) stack(l *layoutSizes) {
	l.LeftW = s.width
	switch {
	case s.log.Focused():
		l.TreeH = max(2, l.BodyH/5)
		l.HdrH = max(2, l.BodyH/5)
		l.LogH = l.BodyH - l.TreeH - l.HdrH
	case s.tree.Focused():
		l.TreeH = max(3, l.UpperH*2/5)
		l.HdrH = l.UpperH - l.TreeH // the details under the tree
	default: // the details (inspector, B3 headers, received) have focus
		l.TreeH = max(2, l.UpperH/4)
		l.LogH = max(2, l.BodyH/6)
		l.HdrH = l.BodyH - l.TreeH - l.LogH
	}
	l.UpperH = l.TreeH + l.HdrH
}

// placements is the layout and the focus order: every component with its
// size, in the order tab visits them. A new pane is one line here (and one
// in mainBody, where it is drawn at the size given here).
func (s *screen) placements(l layoutSizes) []component.Placement {
	at := func(c component.Pane, w, h int, name string) component.Placement {
		iw, ih := l.Inner(w, h)
		return component.Placement{C: c, W: iw, H: ih, OuterW: w, OuterH: h, Name: name}
	}
	scroll := " (" + component.KeyHelp(component.Both(s.Keys.Down, s.Keys.Up, "scroll")) + ")"
	received := "" // tab visits what arrived only when there is any source of it
	if s.received.Available() {
		received = "received spans (" + component.KeyHelp(component.Both(s.Keys.Down, s.Keys.Up, "select")) + ")"
	}
	// What arrived comes right after the tree: "tab → what the receiver got".
	treeW, recvW, upperW := l.LeftW, l.InspW, l.InspW
	treeH, recvH, inspH, hdrH := l.TreeH, l.UpperH, l.UpperH, l.HdrH
	switch {
	case l.Stacked:
		recvW, upperW, recvH, inspH = l.LeftW, l.LeftW, l.HdrH, l.HdrH
	case l.Beside:
		recvW = l.RecvW
	}
	lesson := "" // tab visits the lesson while the tour is on: it scrolls
	if s.touring() {
		lesson = "lesson" + scroll
	}
	return []component.Placement{
		at(s.tree, treeW, treeH, "span tree"),
		at(s.lesson, l.LeftW, l.LessonH, lesson),
		at(s.received, recvW, recvH, received),
		at(s.inspector, upperW, inspH, "inspector"+scroll),
		at(s.headers, l.LeftW, hdrH, "B3 headers"+scroll),
		at(s.log, s.width, l.LogH, "delivery log"+scroll),
		{C: s.helpView, W: s.width, H: l.BodyH},
	}
}
