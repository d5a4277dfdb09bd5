package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// inspectorView renders everything known about the selected span.
type inspectorView struct {
	common
	width, height int
}

// SetSize sets the inner size.
func (v *inspectorView) SetSize(w, h int) { v.width, v.height = w, h }

// View renders n; nil shows what to do.
func (v inspectorView) View(n *tracing.Node) string {
	if n == nil {
		return v.styles.Dim.Render("Select a span to see its IDs, tags,\nannotations and sampling decision.")
	}
	st := v.styles
	var b strings.Builder
	line := func(label, value string) {
		fmt.Fprintf(&b, "%s %s\n", st.Label.Render(fmt.Sprintf("%-9s", label)), value)
	}
	kind := string(n.Kind)
	if kind == "" {
		kind = "none (local span)"
	}
	line("name", n.Name)
	line("kind", kind)
	line("trace ID", n.Context.TraceID.String())
	line("span ID", n.Context.ID.String())
	switch {
	case n.Context.ParentID != nil && n.RemoteParent && n.Parent == nil:
		line("parent", n.Context.ParentID.String()+" (remote, from pasted B3)")
	case n.Context.ParentID != nil:
		line("parent", n.Context.ParentID.String())
	default:
		line("parent", "none: this is the trace's root")
	}
	sampled := "no"
	switch {
	case n.Context.Debug:
		sampled = st.Debug.Render("debug")
	case n.Sampled():
		sampled = "yes"
	default:
		sampled = st.NotSampled.Render("no — never sent")
	}
	line("sampled", sampled)
	line("why", n.SamplerReason)
	if n.Shared {
		line("shared", "yes: a SERVER span joins its CLIENT parent's span ID, as zipkin-go does")
	}
	line("local", endpointText(n.LocalEndpoint))
	if n.RemoteEndpoint != nil {
		line("remote", endpointText(n.RemoteEndpoint))
	}
	line("start", n.Start.Format("15:04:05.000000"))
	if n.Finished {
		line("duration", shortDur(n.Duration))
	} else {
		line("duration", st.Running.Render("running "+shortDur(n.Elapsed(v.now())))+" (f finishes)")
	}
	state := v.session.Outbox().State(n.Key)
	switch {
	case !n.Sampled():
		line("delivery", "not sent (not sampled)")
	case state == tracing.NotQueued:
		line("delivery", "waits for f (running spans are not sent)")
	default:
		line("delivery", deliveryStyle(st, state).Render(state.String()))
	}
	keys := make([]string, 0, len(n.Tags))
	for k := range n.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		line("tags", st.Dim.Render("none (t adds one)"))
	}
	for i, k := range keys {
		label := ""
		if i == 0 {
			label = "tags"
		}
		val := n.Tags[k]
		if k == "error" {
			val = st.Err.Render(val)
		}
		line(label, k+"="+val)
	}
	if len(n.Annotations) == 0 {
		line("annot.", st.Dim.Render("none (a adds one)"))
	}
	for i, a := range n.Annotations {
		label := ""
		if i == 0 {
			label = "annot."
		}
		line(label, "+"+shortDur(a.Timestamp.Sub(n.Start))+" "+a.Value)
	}
	// Wrap long values (the sampler's reason) rather than cut them.
	return lipgloss.NewStyle().Width(max(10, v.width)).Render(strings.TrimRight(b.String(), "\n"))
}

func endpointText(e *model.Endpoint) string {
	if e == nil {
		return "-"
	}
	s := e.ServiceName
	if e.IPv4 != nil {
		s += " " + e.IPv4.String()
	} else if e.IPv6 != nil {
		s += " " + e.IPv6.String()
	}
	if e.Port != 0 {
		s += fmt.Sprintf(":%d", e.Port)
	}
	return s
}

// headersView renders the B3 headers zipkin-go injects for the selected span.
type headersView struct {
	common
	format        tracing.B3Format
	width, height int
}

// SetSize sets the inner size.
func (v *headersView) SetSize(w, h int) { v.width, v.height = w, h }

// Next cycles the format.
func (v *headersView) Next() { v.format = v.format.Next() }

// Title names the pane with its format.
func (v headersView) Title() string {
	return fmt.Sprintf("B3 headers · %s (b cycles)", v.format)
}

// View renders the header lines for n.
func (v headersView) View(n *tracing.Node) string {
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
