package pane

import (
	"fmt"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
)

// Headers renders the B3 headers zipkin-go injects for the selected span,
// each wrapped whole (the single b3 header is longer than a narrow pane); it
// scrolls when focused. The B3 format shown is the session's setting (b
// cycles it), read at each frame.
type Headers struct {
	component.PaneBase
	selected func() *tracing.Node
	scroll   component.Scroller
	memoKey  headersKey
	memo     []string
}

// Title names the pane with its format, and what lies below the window.
func (v *Headers) Title() string {
	total := len(v.Lines())
	more := v.scroll.More(total, v.Height, v.Focused())
	format := v.Session.Config().B3
	return component.FitTitle(v.Width,
		fmt.Sprintf("B3 headers · %s (%s cycles)", format, v.Keys.B3.Help().Key)+more,
		fmt.Sprintf("B3 headers · %s", format)+more,
		fmt.Sprintf("B3 · %s", format)+more,
		fmt.Sprintf("B3 · %s", format)+v.scroll.ShortMore(total, v.Height))
}

// Update scrolls.
func (v *Headers) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		v.scroll.Key(v.Keys, km, len(v.Lines()), v.Height)
	}
	return v, nil
}

// ShortHelp is the movement keys.
func (v *Headers) ShortHelp() []key.Binding { return component.NavKeys(v.Keys) }

// FullHelp is the movement keys.
func (v *Headers) FullHelp() [][]key.Binding { return [][]key.Binding{component.NavKeys(v.Keys)} }

// View renders the header lines from the scroll position.
func (v *Headers) View() string { return v.scroll.Window(v.Lines(), v.Height) }

// Lines is the headers for the selected span, wrapped to the pane's width.
func (v *Headers) Lines() []string { return v.LinesAt(v.Width) }

// headersKey is what the header lines depend on.
type headersKey struct {
	n      *tracing.Node
	format b3.Format
	w      int
}

// LinesAt is the headers wrapped to w columns (the layout measures them
// before it sizes the pane). The last result is kept: a frame asks for it
// several times.
func (v *Headers) LinesAt(w int) []string {
	k := headersKey{v.selected(), v.Session.Config().B3, w}
	if k != v.memoKey || v.memo == nil {
		v.memoKey, v.memo = k, v.render(k.n, w)
	}
	return v.memo
}

func (v *Headers) render(n *tracing.Node, w int) []string {
	if n == nil {
		return component.Wrap(v.Styles.Dim.Render("The headers a client would send appear here for the selected span."), w)
	}
	headers, err := b3.Headers(n.Context, v.Session.Config().B3)
	if err != nil {
		return component.Wrap(v.Styles.Bad.Render(err.Error()), w)
	}
	var out []string
	for _, h := range headers {
		out = append(out, component.Wrap(v.Styles.Label.Render(h.Name+":")+" "+h.Value, w)...)
	}
	switch {
	case n.Context.Debug:
		out = append(out, component.Wrap(v.Styles.Dim.Render("debug: X-B3-Flags: 1 forces sampling downstream"), w)...)
	case !n.Sampled():
		out = append(out, component.Wrap(v.Styles.Dim.Render("Sampled 0: downstream services do not record this trace"), w)...)
	}
	return out
}

// NewHeaders is the headers of the span selected answers.
func NewHeaders(c *component.Common, selected func() *tracing.Node) *Headers {
	return &Headers{PaneBase: component.PaneBase{Common: c}, selected: selected}
}
