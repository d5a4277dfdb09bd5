package pane

import (
	"fmt"
	"strings"
	"time"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// Tree is the span tree: one row per span, indented under its parent.
// Only the visible rows are rendered, so a 10,000-span tree costs what a
// 30-span one does.
type Tree struct {
	component.PaneBase
	cursor, offset int
	Kind           model.Kind // given to the next span started (K), then back to none
}

// NextKind is the kind the next span started gets.
func (t *Tree) NextKind() model.Kind { return t.Kind }

// SetSize sets the inner size (rows available for spans).
func (t *Tree) SetSize(w, h int) {
	t.Width, t.Height = w, h
	t.Clamp()
}

// Title names the pane with its span count.
func (t *Tree) Title() string {
	return fmt.Sprintf("Spans · %d", t.Session.Tree().Len()) + t.Verify.Notice()
}

// ShortHelp is the movement keys.
func (t *Tree) ShortHelp() []key.Binding { return component.NavKeys(t.Keys) }

// FullHelp is the movement keys.
func (t *Tree) FullHelp() [][]key.Binding { return [][]key.Binding{component.NavKeys(t.Keys)} }

// Selected is the span under the cursor, nil in an empty tree.
func (t *Tree) Selected() *tracing.Node { return t.Session.Tree().At(t.cursor) }

// Select moves the cursor to n.
func (t *Tree) Select(n *tracing.Node) {
	if i := t.Session.Tree().Index(n); i >= 0 {
		t.cursor = i
		t.Clamp()
	}
}

// Clamp keeps the cursor on a span of the tree after spans went away.
func (t *Tree) Clamp() {
	n := t.Session.Tree().Len()
	t.cursor = max(0, min(t.cursor, n-1))
	rows := max(1, t.Height)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+rows {
		t.offset = t.cursor - rows + 1
	}
	t.offset = max(0, min(t.offset, max(0, n-rows)))
}

// Update moves the selection.
func (t *Tree) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return t, nil
	}
	t.cursor = component.Navigate(t.Keys, km, t.cursor, max(1, t.Height-1), t.Session.Tree().Len()-1)
	t.Clamp()
	return t, nil
}

// View renders the visible rows.
func (t *Tree) View() string {
	tree := t.Session.Tree()
	if tree.Len() == 0 {
		return t.Styles.Dim.Render(component.KeyText(t.Keys, "No spans yet.\n\nPress {NewTrace} to start a new trace,\nthen {Child} for a child span,\n{Finish} to finish it, {Flush} to flush.\n\n{Debug} starts a debug trace, {Continue} continues\none from pasted B3 headers."))
	}
	now := t.Now()
	out := t.Session.Outbox()
	var b strings.Builder
	end := min(tree.Len(), t.offset+t.Height)
	for i := t.offset; i < end; i++ {
		// The selected row is drawn unstyled, then reversed as a whole (an
		// inner style's reset would end the reverse video at the kind badge),
		// and marked with ▶ so the selection shows without colour.
		selected := i == t.cursor
		row := component.FitLine(t.Row(tree.At(i), out, now, selected), t.Width)
		if selected {
			row = t.Styles.Selected.Render(row)
		}
		b.WriteString(row)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Row is one span: marker, tree lines, name, kind, time, markers, delivery
// state; plain (no inner styles) for the selected row. When the row is too
// wide, the name gives way (the inspector shows it whole), then the facts
// take their short form (✗ for "✗ error"), then the running time goes; the
// markers (kind, shared, sampling, ✗, delivery state) always stay.
func (t *Tree) Row(n *tracing.Node, out *outbox.Outbox, now time.Time, plain bool) string {
	marker := " "
	if plain {
		marker = "▶"
	}
	head, name := marker+treeLines(n), component.Safe(n.Name)
	var facts string
	for form := factsFull; form <= factsNoTime; form++ {
		facts = t.facts(n, out, now, plain, form)
		if lipgloss.Width(head)+min(2, lipgloss.Width(name))+lipgloss.Width(facts) <= t.Width {
			break
		}
	}
	if room := t.Width - lipgloss.Width(head) - lipgloss.Width(facts); lipgloss.Width(name) > room {
		r := []rune(name)
		name = string(r[:max(0, min(len(r), room-1))]) + "…"
	}
	return head + name + facts
}

// The forms of a row's facts, longest first.
const (
	factsFull   = iota
	factsShort  // ✗ for "✗ error"
	factsNoTime // and no duration or running time
)

// facts is what a row says after the name, in one of its forms.
func (t *Tree) facts(n *tracing.Node, out *outbox.Outbox, now time.Time, plain bool, form int) string {
	st := t.Styles
	paint := func(style lipgloss.Style, text string) string {
		if plain {
			return " " + text
		}
		return " " + style.Render(text)
	}
	var b strings.Builder
	if n.Kind != "" {
		b.WriteString(paint(st.Kind, "["+string(n.Kind)+"]"))
	}
	if n.Key.Shared {
		b.WriteString(paint(st.Kind, "shared"))
	}
	switch {
	case n.Finished && form < factsNoTime:
		b.WriteString(" " + component.ShortDur(n.Duration))
	case n.Finished:
	case form < factsNoTime:
		b.WriteString(paint(st.Running, "● "+component.ShortDur(n.Elapsed(now).Truncate(100*time.Millisecond))))
	default:
		b.WriteString(paint(st.Running, "●"))
	}
	switch {
	case n.Context.Debug:
		b.WriteString(paint(st.Debug, "debug"))
	case !n.Sampled():
		b.WriteString(paint(st.NotSampled, "not sampled"))
	}
	if _, isErr := n.Tags["error"]; isErr {
		if form >= factsShort {
			b.WriteString(paint(st.Err, "✗"))
		} else {
			b.WriteString(paint(st.Err, "✗ error"))
		}
	}
	if state := out.State(n.Key); state != outbox.NotQueued {
		word, style := deliveryWord(t.Common, n.Key, state)
		b.WriteString(paint(style, word))
	}
	return b.String()
}

// treeLines is the connector drawing before a span's name: ◆ for a root, ↳
// for the first span of a trace continued from pasted headers,
// ├ or └ for a child (└ for the last one), │ where an ancestor has siblings
// still to come.
func treeLines(n *tracing.Node) string {
	if n.Parent == nil && n.RemoteParent {
		return "↳ " // continued from pasted headers: its parent is in another process
	}
	if n.Parent == nil {
		return "◆ "
	}
	isLast := func(n *tracing.Node) bool {
		kids := n.Parent.Children
		return kids[len(kids)-1] == n
	}
	own := "├ "
	if isLast(n) {
		own = "└ "
	}
	// One column per level: the root's, each ancestor's below it, then n's.
	parts := make([]string, n.Depth+1)
	parts[0], parts[n.Depth] = "  ", own
	for a := n.Parent; a.Parent != nil; a = a.Parent {
		parts[a.Depth] = "│ "
		if isLast(a) {
			parts[a.Depth] = "  "
		}
	}
	return strings.Join(parts, "")
}

func deliveryStyle(st *component.Styles, s outbox.DeliveryState) lipgloss.Style {
	switch s {
	case outbox.Queued:
		return st.Queued
	case outbox.Sending:
		return st.Sending
	case outbox.Delivered:
		return st.Delivered
	case outbox.Failed:
		return st.Failed
	}
	return st.Dim
}

// NewTree is the tree of the session's traces.
func NewTree(c *component.Common) *Tree {
	return &Tree{PaneBase: component.PaneBase{Common: c}}
}
