package pane

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// previewDialog is p: the exact bytes the selected span is, was or would be
// POSTed as with the current encoding, pretty-printed, and the curl command
// that sends the same bytes (a dialog that scrolls). The text is rendered at
// view time, so secrets follow v.
type previewDialog struct {
	component.PaneBase
	node     *tracing.Node
	payload  tracing.Payload
	err      error
	viewport viewport.Model
	closed   bool
}

func newPreview(c *component.Common, n *tracing.Node) *previewDialog {
	d := &previewDialog{PaneBase: component.PaneBase{Common: c}, node: n, viewport: viewport.New(0, 0)}
	d.payload, d.err = c.Session.Payload(n, c.Now())
	return d
}

// Preview is p: the selected span's bytes.
func (t *Tree) Preview() tea.Cmd {
	d := newPreview(t.Common, t.Selected())
	t.Open(d)
	t.Say("Payload preview: %s.", component.KeyHelp(d.ShortHelp()...))
	return nil
}

// Title names the span.
func (d *previewDialog) Title() string {
	return fmt.Sprintf("Payload of \"%s\" — what the outbox POSTs", escapeTitle(d.node.Name))
}

// Closed says the preview was left.
func (d *previewDialog) Closed() bool { return d.closed }

// SetSize sizes the box and its scrolling area (the top bar, status and
// help lines stay visible).
func (d *previewDialog) SetSize(w, h int) {
	d.Width, d.Height = w, h
	d.viewport.Width, d.viewport.Height = max(10, w-4), max(1, h-4-4)
}

// Update scrolls; esc, ctrl+c and p close.
func (d *previewDialog) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	k := d.Keys
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Close), component.MatchesDeclared(km, k.Preview):
		d.closed = true
	case key.Matches(km, k.Up):
		d.viewport.ScrollUp(1)
	case key.Matches(km, k.Down):
		d.viewport.ScrollDown(1)
	case key.Matches(km, k.PageUp):
		d.viewport.PageUp()
	case key.Matches(km, k.PageDown):
		d.viewport.PageDown()
	case key.Matches(km, k.Top):
		d.viewport.GotoTop()
	case key.Matches(km, k.Bottom):
		d.viewport.GotoBottom()
	}
	return d, nil
}

// ShortHelp is the preview's keys.
func (d *previewDialog) ShortHelp() []key.Binding {
	return []key.Binding{component.Both(d.Keys.Up, d.Keys.Down, "scroll"), component.Both(d.Keys.PageUp, d.Keys.PageDown, "page"), component.As(d.Keys.Cancel, "closes")}
}

// FullHelp is the preview's keys.
func (d *previewDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(component.NavKeys(d.Keys), d.Keys.Cancel, d.Keys.Close)}
}

// View draws the box: the scrolling text and where it is.
func (d *previewDialog) View() string {
	st := d.Styles
	inner := max(10, d.Width-4)
	text := d.text()
	if !d.Reveal {
		text = d.Session.Masker().Mask(text)
	}
	var wrapped []string
	for _, l := range strings.Split(text, "\n") {
		wrapped = append(wrapped, dialog.DialogWrap(dialog.PlainText, l, inner)...)
	}
	offset := d.viewport.YOffset
	d.viewport.SetContent(strings.Join(wrapped, "\n"))
	d.viewport.SetYOffset(offset)
	footer := fmt.Sprintf("%s · %d%%", component.KeyHelp(d.ShortHelp()...), int(d.viewport.ScrollPercent()*100))
	lines := []string{st.Status.Render(component.FitLine(d.Title(), inner)), d.viewport.View(), st.Dim.Render(component.FitLine(footer, inner))}
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// text is the preview before wrapping and masking.
func (d *previewDialog) text() string {
	if d.err != nil {
		return d.err.Error()
	}
	p := d.payload
	var b strings.Builder
	fmt.Fprintf(&b, "POST %s\nContent-Type: %s · %s · encoding %s\n", d.Session.Endpoint().Display(true),
		p.ContentType, component.Plural(len(p.Body), "byte"), p.Encoding)
	if p.Gzipped != nil {
		fmt.Fprintf(&b, "Content-Encoding: gzip · %s on the wire (gzip turned on in %s)\n", component.Plural(len(p.Gzipped), "byte"), component.KeyName(d.Keys.Options))
	}
	state := d.Session.Outbox().State(d.node.Key)
	switch {
	case p.Running:
		b.WriteString("Running: a span is sent only when it is finished (f). This is the span as it would be sent now; its duration is the time so far.\n")
	case state == outbox.Delivered:
		b.WriteString("Delivered: these are the bytes that were sent (if the encoding was the same then).\n")
	default:
		fmt.Fprintf(&b, "State: %s. %s sends it in a batch of up to %s; its bytes in the list are these.\n", state, component.KeyName(d.Keys.Flush), component.Plural(d.Session.Config().Batch, "span"))
	}
	if p.Note != "" {
		b.WriteString(p.Note + "\n")
	}
	b.WriteString("\n" + p.JSON + "\n\nThe same POST with curl:\n")
	b.WriteString(d.Session.CurlFor(p, true)) // masked with the rest at view time
	return b.String()
}

// escapeTitle shows control characters in a span name escaped, so a span
// from outside cannot drive the terminal.
func escapeTitle(s string) string {
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}
