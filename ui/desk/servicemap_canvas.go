package desk

import (
	"fmt"
	"strings"

	"zipkin-playground/tracing/receiver"
)

// canvas is a grid of runes the map is drawn on.
type canvas struct{ cells [][]rune }

func newCanvas(w, h int) *canvas {
	c := &canvas{cells: make([][]rune, h)}
	for i := range c.cells {
		c.cells[i] = []rune(strings.Repeat(" ", w))
	}
	return c
}

func (c *canvas) text(x, y int, s string) {
	for i, r := range []rune(s) {
		if y >= 0 && y < len(c.cells) && x+i < len(c.cells[y]) {
			c.cells[y][x+i] = r
		}
	}
}

func (c *canvas) box(x, y, w int, name string) {
	c.text(x, y, "┌"+strings.Repeat("─", w-2)+"┐")
	c.text(x, y+1, "│"+name+strings.Repeat(" ", w-2-len([]rune(name)))+"│")
	c.text(x, y+2, "└"+strings.Repeat("─", w-2)+"┘")
}

// arrow runs from the caller's box at row from to the callee's box at row
// to: out of the box, along its trunk, then along to, the counts over and
// under it.
func (c *canvas) arrow(g mapGap, from, to int, l receiver.DependencyLink) {
	for x := g.exit; x <= g.trunk; x++ {
		c.join(x, from, '─')
	}
	for y := min(from, to); y <= max(from, to); y++ {
		c.join(g.trunk, y, '│')
	}
	for x := g.trunk; x < g.head; x++ {
		c.join(x, to, '─')
	}
	c.text(g.head, to, "▶")
	c.text(g.labels+1, to-1, fitLabel(callsText(l.CallCount), "", l.CallCount))
	c.text(g.labels+1, to+1, fitLabel(errorsText(l.ErrorCount), "✗ ", l.ErrorCount))
}

// fitLabel is label, or prefix and the bare count when label is too long
// for the gap (the list under the picture spells it out).
func fitLabel(label, prefix string, n int64) string {
	if len([]rune(label)) <= mapLabelW {
		return label
	}
	return fmt.Sprintf("%s%d", prefix, n)
}

// join draws a line piece, merging it with what is there into a junction.
func (c *canvas) join(x, y int, r rune) {
	have := c.cells[y][x]
	c.cells[y][x] = junction(have, r)
}

// lineBits are the directions a box-drawing piece connects (up, down, left, right).
var lineBits = map[rune]uint8{
	'│': 0b1100, '─': 0b0011, '┌': 0b0101, '┐': 0b0110, '└': 0b1001, '┘': 0b1010,
	'├': 0b1101, '┤': 0b1110, '┬': 0b0111, '┴': 0b1011, '┼': 0b1111,
}

// junction merges two pieces; a vertical meeting a horizontal at a trunk
// becomes the corner or tee the lines around it make (see trunkPiece).
func junction(have, add rune) rune {
	a, okA := lineBits[have]
	b := lineBits[add]
	if !okA {
		return add
	}
	m := a | b
	for r, bits := range lineBits {
		if bits == m {
			return r
		}
	}
	return add
}

func (c *canvas) lines() []string {
	c.fixTrunks()
	out := make([]string, len(c.cells))
	for i, row := range c.cells {
		out[i] = strings.TrimRight(string(row), " ")
	}
	return out
}

// fixTrunks turns each line piece into the one its neighbours call for, so
// a trunk's ends are corners and its branches tees.
func (c *canvas) fixTrunks() {
	for y, row := range c.cells {
		for x, r := range row {
			if _, ok := lineBits[r]; !ok {
				continue
			}
			var bits uint8
			if y > 0 && connects(c.cells[y-1][x], 0b0100) {
				bits |= 0b1000
			}
			if y+1 < len(c.cells) && connects(c.cells[y+1][x], 0b1000) {
				bits |= 0b0100
			}
			if x > 0 && connects(row[x-1], 0b0001) {
				bits |= 0b0010
			}
			if x+1 < len(row) && (connects(row[x+1], 0b0010) || row[x+1] == '▶') {
				bits |= 0b0001
			}
			for p, b := range lineBits {
				if b == bits {
					c.cells[y][x] = p
				}
			}
		}
	}
}

// connects says whether piece r reaches out in direction dir.
func connects(r rune, dir uint8) bool {
	if r == '│' && (dir == 0b1000 || dir == 0b0100) {
		return true
	}
	bits, ok := lineBits[r]
	return ok && bits&dir != 0
}
