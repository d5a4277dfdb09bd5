package ui

// The layout degrades by priority, never by cutting facts: borders go first
// (below 80×20), then panes stack (below 80 columns); the top bar keeps the
// endpoint and the counts, the status wraps, the help line keeps "? help";
// panes wrap long values and scroll when focused.

// Layout thresholds.
const (
	stackBelowW    = 80  // narrower: panes one under the other
	borderlessH    = 20  // lower: no borders, a title line per pane
	oneTopLineH    = 16  // lower: the top bar is one line (the counts first)
	receivedBeside = 160 // wider: the Received pane is a third column
)

// layoutSizes are the outer sizes of the screen's parts.
type layoutSizes struct {
	compact              bool // no borders: a title line per pane
	stacked              bool // panes one under the other
	beside               bool // the Received pane is a third column
	topH, statusH, bodyH int
	upperH, logH         int // the panes above the log, the log
	leftW, inspW, recvW  int // side by side: tree+B3 column, inspector, received
	treeH, hdrH          int // heights in the left column (stacked: tree, details)
	lessonH              int // the lesson panel in learn mode (under the tree), 0 otherwise
}

// layout measures the screen for the current window, the status it last
// laid out for and the content.
func (s *screen) layout() layoutSizes { return s.layoutFor(s.status) }

// layoutFor measures the screen for the current window, status and content.
func (s *screen) layoutFor(status string) layoutSizes {
	w, h := s.width, s.height
	l := layoutSizes{stacked: w < stackBelowW, compact: w < stackBelowW || h < borderlessH}
	l.beside = !l.stacked && w >= receivedBeside && s.received.available()
	l.topH = len(topBar{s.common, s.tree.NextKind()}.lines(w, h)) // two lines, or more when a field wraps
	l.statusH = len(statusLines(status, w, h))
	l.bodyH = max(3, h-l.topH-l.statusH-1) // and the help line
	switch {
	case s.touring() && !l.stacked:
		l.logH = max(3, l.bodyH/6) // the lesson needs the room more
	case l.compact:
		l.logH = max(3, l.bodyH/4)
	default:
		l.logH = max(6, l.bodyH/4)
	}
	l.upperH = l.bodyH - l.logH
	if l.stacked {
		s.stack(&l)
		s.learnLayout(&l)
		return l
	}
	l.inspW = max(36, w*9/20) // 16-hex IDs beside their labels
	if s.received.Focused() {
		// Focused, the Received pane in that column needs the width for
		// its trace titles and waterfalls more than the tree does.
		l.inspW = max(l.inspW, w*3/5)
	}
	if l.beside {
		l.inspW = max(36, w*28/100)
		l.recvW = w * 36 / 100
	}
	l.leftW = w - l.inspW - l.recvW
	// The B3 headers take what they need under the tree, up to half.
	chrome := 2
	if l.compact {
		chrome = 1
	}
	hdrW, _ := l.inner(l.leftW, 0)
	l.hdrH = min(l.upperH/2, len(s.headers.linesAt(hdrW))+chrome)
	l.treeH = l.upperH - l.hdrH
	s.learnLayout(&l)
	return l
}

// stack shares the height of stacked panes: the focused one gets the most,
// the others keep their title and a line or two.
func (s *screen) stack(l *layoutSizes) {
	l.leftW = s.width
	switch {
	case s.log.Focused():
		l.treeH = max(2, l.bodyH/5)
		l.hdrH = max(2, l.bodyH/5)
		l.logH = l.bodyH - l.treeH - l.hdrH
	case s.tree.Focused():
		l.treeH = max(3, l.upperH*2/5)
		l.hdrH = l.upperH - l.treeH // the details under the tree
	default: // the details (inspector, B3 headers, received) have focus
		l.treeH = max(2, l.upperH/4)
		l.logH = max(2, l.bodyH/6)
		l.hdrH = l.bodyH - l.treeH - l.logH
	}
	l.upperH = l.treeH + l.hdrH
}

// inner is the content size of a pane of outer size w×h.
func (l layoutSizes) inner(w, h int) (int, int) {
	if l.compact {
		return w, max(0, h-1) // a title line
	}
	return max(0, w-2), max(0, h-2) // the title is in the top border
}

// placement is a component, its inner size in the layout, and how the
// status names it when tab gives it the focus ("" for one tab skips).
type placement struct {
	c    component
	w, h int
	name string
}

// placements is the layout and the focus order: every component with its
// inner size, in the order tab visits them. A new pane is one line here (and
// one in mainBody, where it is drawn).
func (s *screen) placements(l layoutSizes) []placement {
	at := func(c component, w, h int, name string) placement {
		iw, ih := l.inner(w, h)
		return placement{c, iw, ih, name}
	}
	scroll := " (" + keyHelp(both(s.keys.Down, s.keys.Up, "scroll")) + ")"
	received := "" // tab visits what arrived only when there is any source of it
	if s.received.available() {
		received = "received spans (" + keyHelp(both(s.keys.Down, s.keys.Up, "select")) + ")"
	}
	// What arrived comes right after the tree: "tab → what the receiver got".
	treeW, recvW, upperW := l.leftW, l.inspW, l.inspW
	treeH, recvH, inspH, hdrH := l.treeH, l.upperH, l.upperH, l.hdrH
	switch {
	case l.stacked:
		recvW, upperW, recvH, inspH = l.leftW, l.leftW, l.hdrH, l.hdrH
	case l.beside:
		recvW = l.recvW
	}
	lesson := "" // tab visits the lesson while the tour is on: it scrolls
	if s.touring() {
		lesson = "lesson" + scroll
	}
	return []placement{
		at(s.tree, treeW, treeH, "span tree"),
		at(s.lesson, l.leftW, l.lessonH, lesson),
		at(s.received, recvW, recvH, received),
		at(s.inspector, upperW, inspH, "inspector"+scroll),
		at(s.headers, l.leftW, hdrH, "B3 headers"+scroll),
		at(s.log, s.width, l.logH, "delivery log"+scroll),
		{c: s.helpView, w: s.width, h: l.bodyH},
	}
}
