package ui

import (
	"fmt"
	"strings"

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
	paneBase
	node    *tracing.Node
	payload tracing.Payload
	err     error
	view    viewport.Model
	closed  bool
}

func newPreview(c *common, n *tracing.Node) *previewDialog {
	d := &previewDialog{paneBase: paneBase{common: c}, node: n, view: viewport.New(0, 0)}
	d.payload, d.err = c.session.Payload(n, c.now())
	return d
}

// preview is p: the selected span's bytes.
func (t *treePane) preview() tea.Cmd {
	d := newPreview(t.common, t.Selected())
	t.open(d)
	t.say("Payload preview: %s.", keyHelp(d.ShortHelp()...))
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
	d.width, d.height = w, h
	d.view.Width, d.view.Height = max(10, w-4), max(1, h-4-4)
}

// Update scrolls; esc, ctrl+c and p close.
func (d *previewDialog) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	k := d.keys
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Close), matchesDeclared(km, k.Preview):
		d.closed = true
	case key.Matches(km, k.Up):
		d.view.ScrollUp(1)
	case key.Matches(km, k.Down):
		d.view.ScrollDown(1)
	case key.Matches(km, k.PageUp):
		d.view.PageUp()
	case key.Matches(km, k.PageDown):
		d.view.PageDown()
	case key.Matches(km, k.Top):
		d.view.GotoTop()
	case key.Matches(km, k.Bottom):
		d.view.GotoBottom()
	}
	return d, nil
}

// ShortHelp is the preview's keys.
func (d *previewDialog) ShortHelp() []key.Binding {
	return []key.Binding{both(d.keys.Up, d.keys.Down, "scroll"), both(d.keys.PageUp, d.keys.PageDown, "page"), as(d.keys.Cancel, "closes")}
}

// FullHelp is the preview's keys.
func (d *previewDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(navKeys(d.keys), d.keys.Cancel, d.keys.Close)}
}

// View draws the box: the scrolling text and where it is.
func (d *previewDialog) View() string {
	st := d.styles
	inner := max(10, d.width-4)
	text := d.text()
	if !d.reveal {
		text = d.session.Masker().Mask(text)
	}
	var wrapped []string
	for _, l := range strings.Split(text, "\n") {
		wrapped = append(wrapped, dialogWrap(plainText, l, inner)...)
	}
	offset := d.view.YOffset
	d.view.SetContent(strings.Join(wrapped, "\n"))
	d.view.SetYOffset(offset)
	footer := fmt.Sprintf("%s · %d%%", keyHelp(d.ShortHelp()...), int(d.view.ScrollPercent()*100))
	lines := []string{st.Status.Render(fitLine(d.Title(), inner)), d.view.View(), st.Dim.Render(fitLine(footer, inner))}
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// text is the preview before wrapping and masking.
func (d *previewDialog) text() string {
	if d.err != nil {
		return d.err.Error()
	}
	p := d.payload
	var b strings.Builder
	fmt.Fprintf(&b, "POST %s\nContent-Type: %s · %s · encoding %s\n", d.session.Endpoint().Display(true),
		p.ContentType, plural(len(p.Body), "byte"), p.Encoding)
	if p.Gzipped != nil {
		fmt.Fprintf(&b, "Content-Encoding: gzip · %s on the wire (gzip turned on in %s)\n", plural(len(p.Gzipped), "byte"), keyName(d.keys.Options))
	}
	state := d.session.Outbox().State(d.node.Key)
	switch {
	case p.Running:
		b.WriteString("Running: a span is sent only when it is finished (f). This is the span as it would be sent now; its duration is the time so far.\n")
	case state == outbox.Delivered:
		b.WriteString("Delivered: these are the bytes that were sent (if the encoding was the same then).\n")
	default:
		fmt.Fprintf(&b, "State: %s. %s sends it in a batch of up to %s; its bytes in the list are these.\n", state, keyName(d.keys.Flush), plural(d.session.Config().Batch, "span"))
	}
	if p.Note != "" {
		b.WriteString(p.Note + "\n")
	}
	b.WriteString("\n" + p.JSON + "\n\nThe same POST with curl:\n")
	b.WriteString(d.session.CurlFor(p, true)) // masked with the rest at view time
	return b.String()
}

// escapeTitle shows control characters in a span name escaped, so a span
// from outside cannot drive the terminal.
func escapeTitle(s string) string {
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}
