package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
)

// treePane is the span tree: one row per span, indented under its parent.
// Only the visible rows are rendered, so a 10,000-span tree costs what a
// 30-span one does.
type treePane struct {
	paneBase
	cursor, offset int
}

// SetSize sets the inner size (rows available for spans).
func (t *treePane) SetSize(w, h int) {
	t.width, t.height = w, h
	t.clamp()
}

// Title names the pane with its span count.
func (t *treePane) Title() string { return fmt.Sprintf("Spans · %d", t.session.Tree().Len()) }

// ShortHelp is the movement keys.
func (t *treePane) ShortHelp() []key.Binding { return navKeys(t.keys) }

// FullHelp is the movement keys.
func (t *treePane) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(t.keys)} }

// Selected is the span under the cursor, nil in an empty tree.
func (t *treePane) Selected() *tracing.Node { return t.session.Tree().At(t.cursor) }

// Select moves the cursor to n.
func (t *treePane) Select(n *tracing.Node) {
	if i := t.session.Tree().Index(n); i >= 0 {
		t.cursor = i
		t.clamp()
	}
}

func (t *treePane) clamp() {
	n := t.session.Tree().Len()
	t.cursor = max(0, min(t.cursor, n-1))
	rows := max(1, t.height)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+rows {
		t.offset = t.cursor - rows + 1
	}
	t.offset = max(0, min(t.offset, max(0, n-rows)))
}

// Update moves the selection.
func (t *treePane) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return t, nil
	}
	t.cursor = navigate(t.keys, km, t.cursor, max(1, t.height-1), t.session.Tree().Len()-1)
	t.clamp()
	return t, nil
}

// View renders the visible rows.
func (t *treePane) View() string {
	tree := t.session.Tree()
	if tree.Len() == 0 {
		return t.styles.Dim.Render("No spans yet.\n\nPress n to start a new trace,\nthen c for a child span,\nf to finish it, F to flush.\n\nD starts a debug trace, P continues\none from pasted B3 headers.")
	}
	now := t.now()
	out := t.session.Outbox()
	var b strings.Builder
	end := min(tree.Len(), t.offset+t.height)
	for i := t.offset; i < end; i++ {
		row := fitLine(t.row(tree.At(i), out, now), t.width)
		if i == t.cursor {
			row = t.styles.Selected.Render(row)
		}
		b.WriteString(row)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// row is one span: name, kind, time, markers, delivery state.
func (t *treePane) row(n *tracing.Node, out *tracing.Outbox, now time.Time) string {
	st := t.styles
	var b strings.Builder
	b.WriteString(strings.Repeat("  ", n.Depth))
	if n.Parent == nil {
		b.WriteString("◆ ")
	} else {
		b.WriteString("└ ")
	}
	b.WriteString(n.Name)
	if n.Kind != "" {
		b.WriteString(" " + st.Kind.Render("["+string(n.Kind)+"]"))
	}
	if n.Key.Shared {
		b.WriteString(" " + st.Kind.Render("shared"))
	}
	if n.Finished {
		b.WriteString(" " + shortDur(n.Duration))
	} else {
		b.WriteString(" " + st.Running.Render("● "+shortDur(n.Elapsed(now).Truncate(100*time.Millisecond))))
	}
	switch {
	case n.Context.Debug:
		b.WriteString(" " + st.Debug.Render("debug"))
	case !n.Sampled():
		b.WriteString(" " + st.NotSampled.Render("not sampled"))
	}
	if _, isErr := n.Tags["error"]; isErr {
		b.WriteString(" " + st.Err.Render("✗ error"))
	}
	if state := out.State(n.Key); state != tracing.NotQueued {
		b.WriteString(" " + deliveryStyle(st, state).Render(state.String()))
	}
	return b.String()
}

func deliveryStyle(st *Styles, s tracing.DeliveryState) lipgloss.Style {
	switch s {
	case tracing.Queued:
		return st.Queued
	case tracing.Sending:
		return st.Sending
	case tracing.Delivered:
		return st.Delivered
	case tracing.Failed:
		return st.Failed
	}
	return st.Dim
}
