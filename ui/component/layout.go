package component

// OneTopLineH is the height below which the top bar is one line (the counts
// first).
const OneTopLineH = 16

// Placement is a component, its inner size in the layout, the outer size
// of the box drawn around it, and how the status names it when tab gives it
// the focus ("" for one tab skips).
type Placement struct {
	C              Pane
	W, H           int
	OuterW, OuterH int
	Name           string
}
