package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// headersPane renders the B3 headers zipkin-go injects for the selected span.
// The B3 format shown is this pane's fact (b cycles it); the top bar reads it
// from here.
type headersPane struct {
	paneBase
	selected func() *tracing.Node
	format   tracing.B3Format
}

// Next cycles the format.
func (v *headersPane) Next() { v.format = v.format.Next() }

// Title names the pane with its format.
func (v *headersPane) Title() string {
	return fmt.Sprintf("B3 headers · %s (b cycles)", v.format)
}

// Update does nothing: the pane follows the tree's selection.
func (v *headersPane) Update(tea.Msg) (component, tea.Cmd) { return v, nil }

// View renders the header lines for the selected span.
func (v *headersPane) View() string {
	n := v.selected()
	if n == nil {
		return v.styles.Dim.Render("The headers a client would send\nappear here for the selected span.")
	}
	lines, err := tracing.B3Headers(n.Context, v.format)
	if err != nil {
		return v.styles.Bad.Render(err.Error())
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s: %s\n", v.styles.Label.Render(l.Name), l.Value)
	}
	switch {
	case n.Context.Debug:
		b.WriteString(v.styles.Dim.Render("debug: X-B3-Flags: 1 forces sampling downstream"))
	case !n.Sampled():
		b.WriteString(v.styles.Dim.Render("Sampled 0: downstream services do not record this trace"))
	}
	return strings.TrimRight(b.String(), "\n")
}
