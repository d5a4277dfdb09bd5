package desk

import (
	"fmt"
	"sort"
	"zipkin-playground/ui/component"

	"zipkin-playground/tracing/receiver"
)

// The service map is laid out in columns, left to right: a service's column
// is the longest chain of calls that leads to it, so callers stand left of
// the services they call. Each service is a three-line box; an arrow from a
// caller to a service in the next column carries its call count above it and
// its error count below it (✗, so errors show without colour). Links the
// picture cannot hold (a service calling itself, a call that skips a column
// or goes back) are still in the list under it.

// Sizes of the drawing.
const (
	mapBoxH    = 3 // a box's lines
	mapRowStep = 4 // a box and one blank line
	mapLabelW  = 10
)

// mapGraph is the services in columns, each column in drawing order.
type mapGraph struct {
	columns [][]string
	col     map[string]int
	row     map[string]int
	links   []receiver.DependencyLink
}

// layoutMap places the services of links in columns.
func layoutMap(links []receiver.DependencyLink) mapGraph {
	g := mapGraph{col: map[string]int{}, row: map[string]int{}, links: sortedLinks(links)}
	calls := map[string][]string{}
	var names []string
	seen := map[string]bool{}
	for _, l := range g.links {
		for _, n := range []string{l.Parent, l.Child} {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
		if l.Parent != l.Child {
			calls[l.Parent] = append(calls[l.Parent], l.Child)
		}
	}
	sort.Strings(names)
	order := acyclicOrder(names, calls)
	pos := map[string]int{}
	for i, n := range order {
		pos[n] = i
	}
	for _, n := range order {
		for _, c := range calls[n] {
			if pos[c] > pos[n] { // a call back up the order closes a cycle
				g.col[c] = max(g.col[c], g.col[n]+1)
			}
		}
	}
	g.order(names, calls)
	return g
}

// acyclicOrder is the services in an order where every caller comes before
// the services it calls, calls that close a cycle aside (depth-first, by name).
func acyclicOrder(names []string, calls map[string][]string) []string {
	state := map[string]int{} // 0 new, 1 on the path, 2 done
	var post []string
	var visit func(n string)
	visit = func(n string) {
		state[n] = 1
		for _, c := range calls[n] {
			if state[c] == 0 {
				visit(c)
			}
		}
		state[n] = 2
		post = append(post, n)
	}
	for _, n := range names {
		if state[n] == 0 {
			visit(n)
		}
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}

// order fills the columns: the first by name, the next ones by where their
// callers stand (the mean row of the callers one column left), then by name.
func (g *mapGraph) order(names []string, calls map[string][]string) {
	width := 0
	for _, n := range names {
		width = max(width, g.col[n]+1)
	}
	g.columns = make([][]string, width)
	for _, n := range names {
		g.columns[g.col[n]] = append(g.columns[g.col[n]], n)
	}
	for ci, col := range g.columns {
		weight := map[string]float64{}
		for _, n := range col {
			sum, k := 0.0, 0
			for p, cs := range calls {
				if g.col[p] == ci-1 && contains(cs, n) {
					sum, k = sum+float64(g.row[p]), k+1
				}
			}
			if k > 0 {
				weight[n] = sum / float64(k)
			}
		}
		sort.SliceStable(col, func(i, j int) bool { return weight[col[i]] < weight[col[j]] })
		for i, n := range col {
			g.row[n] = i
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func sortedLinks(links []receiver.DependencyLink) []receiver.DependencyLink {
	out := append([]receiver.DependencyLink(nil), links...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Parent != out[j].Parent {
			return out[i].Parent < out[j].Parent
		}
		return out[i].Child < out[j].Child
	})
	return out
}

// drawn says whether the picture holds the link: an arrow into the next column.
func (g mapGraph) drawn(l receiver.DependencyLink) bool {
	return l.Parent != l.Child && g.col[l.Child] == g.col[l.Parent]+1
}

// callsText is "1 call" or "3 calls".
func callsText(n int64) string { return component.Plural(int(n), "call") }

// errorsText is "✗ 1 error", "✗ 2 errors", or "" without errors.
func errorsText(n int64) string {
	if n == 0 {
		return ""
	}
	return "✗ " + component.Plural(int(n), "error")
}

// mapList is one line per link, the picture's words.
func mapList(links []receiver.DependencyLink) []string {
	var out []string
	for _, l := range sortedLinks(links) {
		line := fmt.Sprintf("%s → %s  %s", l.Parent, l.Child, callsText(l.CallCount))
		if e := errorsText(l.ErrorCount); e != "" {
			line += "  " + e
		}
		if l.Parent == l.Child {
			line += "  (itself)"
		}
		out = append(out, line)
	}
	return out
}

// renderMap draws the graph in at most width columns; ok is false when it
// does not fit (the list then says it all).
func renderMap(links []receiver.DependencyLink, width int) (lines []string, ok bool) {
	g := layoutMap(links)
	if len(g.columns) == 0 {
		return nil, true
	}
	x, boxW, trunks := g.columnsX()
	last := len(x) - 1
	if x[last]+boxW[last] > width {
		return nil, false
	}
	rows := 0
	for _, col := range g.columns {
		rows = max(rows, len(col)*mapRowStep-1)
	}
	c := newCanvas(x[last]+boxW[last], rows)
	for ci, col := range g.columns {
		for ri, n := range col {
			c.box(x[ci], ri*mapRowStep, boxW[ci], n)
		}
	}
	for _, l := range g.links {
		if g.drawn(l) {
			ci := g.col[l.Parent]
			gap := mapGap{exit: x[ci] + boxW[ci], trunk: trunks[ci][l.Parent], labels: x[ci] + boxW[ci] + gapExtra(trunks[ci], len(g.columns[ci])), head: x[ci+1] - 1}
			c.arrow(gap, g.row[l.Parent]*mapRowStep+1, g.row[l.Child]*mapRowStep+1, l)
		}
	}
	return c.lines(), true
}

// mapGap is where an arrow runs between two columns: it leaves its box at
// exit, turns on its trunk, has its labels from labels on and its head at head.
type mapGap struct{ exit, trunk, labels, head int }

// columnsX are each column's left edge, box width, and the trunk column of
// each caller in it. A box fits its longest name; a gap fits the callers'
// trunks (one each when the column has more than one box, so they neither
// merge nor touch another box), a label and the arrow head.
func (g mapGraph) columnsX() (x, boxW []int, trunks []map[string]int) {
	at := 0
	for _, col := range g.columns {
		w := 0
		var callers []string
		for _, n := range col {
			w = max(w, len([]rune(n))+2)
			if g.hasArrow(n) {
				callers = append(callers, n)
			}
		}
		// A trunk at the box's edge would touch the other boxes of the
		// column: it moves out when there are any.
		t, extra := map[string]int{}, 0
		if len(col) > 1 {
			extra = len(callers)
		}
		for i, n := range callers {
			t[n] = at + w
			if extra > 0 {
				t[n] += 1 + i
			}
		}
		x, boxW, trunks = append(x, at), append(boxW, w), append(trunks, t)
		at += w + extra + mapLabelW + 2
	}
	return x, boxW, trunks
}

// gapExtra is how many trunk columns a gap has besides the box's edge.
func gapExtra(trunks map[string]int, boxes int) int {
	if boxes > 1 {
		return len(trunks)
	}
	return 0
}

func (g mapGraph) hasArrow(n string) bool {
	for _, l := range g.links {
		if l.Parent == n && g.drawn(l) {
			return true
		}
	}
	return false
}
