package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// inspectorPane renders everything known about the selected span. The
// selection is the tree's: the pane asks for it when it draws.
type inspectorPane struct {
	paneBase
	selected func() *tracing.Node
}

// Title names the pane.
func (v *inspectorPane) Title() string { return "Inspector" }

// Update does nothing: the inspector follows the tree's selection.
func (v *inspectorPane) Update(tea.Msg) (component, tea.Cmd) { return v, nil }

// View renders the selected span; with none it says what to do.
func (v *inspectorPane) View() string {
	n := v.selected()
	if n == nil {
		return v.styles.Dim.Render("Select a span to see its IDs, tags,\nannotations and sampling decision.")
	}
	var b strings.Builder
	line := func(label, value string) {
		fmt.Fprintf(&b, "%s %s\n", v.styles.Label.Render(fmt.Sprintf("%-9s", label)), value)
	}
	v.identity(n, line)
	v.timing(n, line)
	v.tagsAndAnnotations(n, line)
	// Wrap long values (the sampler's reason) rather than cut them.
	return lipgloss.NewStyle().Width(max(10, v.width)).Render(strings.TrimRight(b.String(), "\n"))
}

// identity: name, kind, IDs, parent, sampling, shared, endpoints.
func (v *inspectorPane) identity(n *tracing.Node, line func(label, value string)) {
	st := v.styles
	kind := string(n.Kind)
	if kind == "" {
		kind = "none (local span)"
	}
	line("name", n.Name)
	line("kind", kind)
	line("trace ID", n.Context.TraceID.String())
	line("span ID", n.Context.ID.String())
	switch {
	case n.Key.Shared: // it copies its client's IDs: never "the trace's root"
		line("parent", sharedParentText(n))
	case n.Context.ParentID != nil && n.RemoteParent && n.Parent == nil:
		line("parent", n.Context.ParentID.String()+" (remote, from pasted B3)")
	case n.Context.ParentID != nil:
		line("parent", n.Context.ParentID.String())
	default:
		line("parent", "none: this is the trace's root")
	}
	sampled := "yes"
	switch {
	case n.Context.Debug:
		sampled = st.Debug.Render("debug")
	case !n.Sampled():
		sampled = st.NotSampled.Render("no — never sent")
	}
	line("sampled", sampled)
	line("why", n.SamplerReason)
	if n.Key.Shared {
		line("shared", "yes: a SERVER span joins its CLIENT parent's span ID, as zipkin-go does")
	}
	line("local", endpointText(n.LocalEndpoint))
	if n.RemoteEndpoint != nil {
		line("remote", endpointText(n.RemoteEndpoint))
	}
}

// timing: start, duration and delivery.
func (v *inspectorPane) timing(n *tracing.Node, line func(label, value string)) {
	st := v.styles
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
}

// tagsAndAnnotations: sorted tags (error in red), then annotations.
func (v *inspectorPane) tagsAndAnnotations(n *tracing.Node, line func(label, value string)) {
	st := v.styles
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
