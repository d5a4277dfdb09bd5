package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// headersPane renders the B3 headers zipkin-go injects for the selected span,
// each wrapped whole (the single b3 header is longer than a narrow pane); it
// scrolls when focused. The B3 format shown is the session's setting (b
// cycles it), read at each frame.
type headersPane struct {
	paneBase
	selected func() *tracing.Node
	scroll   scroller
	memoKey  headersKey
	memo     []string
}

// Title names the pane with its format, and what lies below the window.
func (v *headersPane) Title() string {
	total := len(v.lines())
	more := v.scroll.more(total, v.height, v.focused)
	format := v.session.Config().B3
	return fitTitle(v.width,
		fmt.Sprintf("B3 headers · %s (%s cycles)", format, v.keys.B3.Help().Key)+more,
		fmt.Sprintf("B3 headers · %s", format)+more,
		fmt.Sprintf("B3 · %s", format)+more,
		fmt.Sprintf("B3 · %s", format)+v.scroll.shortMore(total, v.height))
}

// Update scrolls.
func (v *headersPane) Update(msg tea.Msg) (component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		v.scroll.key(v.keys, km, len(v.lines()), v.height)
	}
	return v, nil
}

// ShortHelp is the movement keys.
func (v *headersPane) ShortHelp() []key.Binding { return navKeys(v.keys) }

// FullHelp is the movement keys.
func (v *headersPane) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(v.keys)} }

// View renders the header lines from the scroll position.
func (v *headersPane) View() string { return v.scroll.window(v.lines(), v.height) }

// lines is the headers for the selected span, wrapped to the pane's width.
func (v *headersPane) lines() []string { return v.linesAt(v.width) }

// headersKey is what the header lines depend on.
type headersKey struct {
	n      *tracing.Node
	format b3.Format
	w      int
}

// linesAt is the headers wrapped to w columns (the layout measures them
// before it sizes the pane). The last result is kept: a frame asks for it
// several times.
func (v *headersPane) linesAt(w int) []string {
	k := headersKey{v.selected(), v.session.Config().B3, w}
	if k != v.memoKey || v.memo == nil {
		v.memoKey, v.memo = k, v.render(k.n, w)
	}
	return v.memo
}

func (v *headersPane) render(n *tracing.Node, w int) []string {
	if n == nil {
		return wrap(v.styles.Dim.Render("The headers a client would send appear here for the selected span."), w)
	}
	headers, err := b3.Headers(n.Context, v.session.Config().B3)
	if err != nil {
		return wrap(v.styles.Bad.Render(err.Error()), w)
	}
	var out []string
	for _, h := range headers {
		out = append(out, wrap(v.styles.Label.Render(h.Name+":")+" "+h.Value, w)...)
	}
	switch {
	case n.Context.Debug:
		out = append(out, wrap(v.styles.Dim.Render("debug: X-B3-Flags: 1 forces sampling downstream"), w)...)
	case !n.Sampled():
		out = append(out, wrap(v.styles.Dim.Render("Sampled 0: downstream services do not record this trace"), w)...)
	}
	return out
}
