package ui

// The layout degrades by priority, never by cutting facts: borders go first
// (below 80×20), then panes stack (below 80 columns); the top bar keeps the
// endpoint and the counts, the status wraps, the help line keeps "? help";
// panes wrap long values and scroll when focused.

// Layout thresholds.
const (
	stackBelowW    = 80  // narrower: panes one under the other
	borderlessH    = 20  // lower: no borders, a title line per pane
	receivedBeside = 160 // wider: the Received pane is a third column
)

// layoutSizes are the outer sizes of the screen's parts.
type layoutSizes struct {
	Compact              bool // no borders: a title line per pane
	Stacked              bool // panes one under the other
	Beside               bool // the Received pane is a third column
	TopH, StatusH, BodyH int
	UpperH, LogH         int // the panes above the log, the log
	LeftW, InspW, RecvW  int // side by side: tree+B3 column, inspector, received
	TreeH, HdrH          int // heights in the left column (stacked: tree, details)
	LessonH              int // the lesson panel in learn mode (under the tree), 0 otherwise
}

// Inner is the content size of a pane of outer size w×h.
func (l layoutSizes) Inner(w, h int) (int, int) {
	if l.Compact {
		return w, max(0, h-1) // a title line
	}
	return max(0, w-2), max(0, h-2) // the title is in the top border
}
