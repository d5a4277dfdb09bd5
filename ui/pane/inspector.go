package pane

import (
	"fmt"
	"sort"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// labelW is the inspector's label column.
const labelW = 10

// Inspector renders everything known about the selected span, the most
// important first (IDs, parent, kind, sampling, delivery), long values
// wrapped; it scrolls when focused. The selection is the tree's: the pane
// asks for it when it draws.
type Inspector struct {
	component.PaneBase
	selected func() *tracing.Node
	scroll   component.Scroller
	shownKey outbox.SpanKey // the span scrolled: another span starts at the top
	total    int            // lines the last View had
}

// Title names the pane, with what lies below the window (as measured by
// the last View).
func (v *Inspector) Title() string {
	return "Inspector" + v.scroll.More(v.total, v.Height, v.Focused())
}

// Update scrolls the span's lines.
func (v *Inspector) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		v.scroll.Key(v.Keys, km, len(v.Lines()), v.Height)
	}
	return v, nil
}

// ShortHelp is the movement keys.
func (v *Inspector) ShortHelp() []key.Binding { return component.NavKeys(v.Keys) }

// FullHelp is the movement keys.
func (v *Inspector) FullHelp() [][]key.Binding { return [][]key.Binding{component.NavKeys(v.Keys)} }

// View renders the selected span from the scroll position.
func (v *Inspector) View() string {
	lines := v.Lines()
	v.total = len(lines)
	return v.scroll.Window(lines, v.Height)
}

// Lines is the selected span, wrapped to the pane's width.
func (v *Inspector) Lines() []string {
	n := v.selected()
	if n == nil {
		return component.Wrap(v.Styles.Dim.Render("Select a span to see its IDs, tags, annotations and sampling decision."), v.Width)
	}
	if n.Key != v.shownKey {
		v.shownKey, v.scroll.Offset = n.Key, 0
	}
	var out []string
	line := func(label, value string) {
		l := v.Styles.Label.Render(fmt.Sprintf("%-*s", labelW, label))
		out = append(out, component.WrapIndent(l, value, labelW, v.Width)...)
	}
	v.identity(n, line)
	v.sampling(n, line)
	v.storedAs(n, line)
	v.timing(n, line)
	v.tagsAndAnnotations(n, line)
	return out
}

// identity: name, kind, IDs, parent.
func (v *Inspector) identity(n *tracing.Node, line func(label, value string)) {
	kind := string(n.Kind)
	if kind == "" {
		kind = "none (local span)"
	}
	line("name", component.Safe(n.Name))
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
}

// sampling: the decision and why, delivery, shared.
func (v *Inspector) sampling(n *tracing.Node, line func(label, value string)) {
	st := v.Styles
	sampled := "yes"
	switch {
	case n.Context.Debug:
		sampled = st.Debug.Render("debug")
	case !n.Sampled():
		sampled = st.NotSampled.Render("no — never sent")
	}
	line("sampled", sampled)
	line("why", n.SamplerReason)
	state := v.Session.Outbox().State(n.Key)
	switch {
	case !n.Sampled():
		line("delivery", "not sent (not sampled)")
	case state == outbox.NotQueued:
		line("delivery", "waits for f (running spans are not sent)")
	default:
		word, style := deliveryWord(v.Common, n.Key, state)
		line("delivery", style.Render(word)+v.verifyNote(n.Key, state))
	}
	if n.Key.Shared {
		line("shared", "yes: a SERVER span joins its CLIENT parent's span ID, as zipkin-go does")
	}
}

// timing: duration, endpoints, start.
func (v *Inspector) timing(n *tracing.Node, line func(label, value string)) {
	if n.Finished {
		line("duration", component.ShortDur(n.Duration))
	} else {
		line("duration", v.Styles.Running.Render("running "+component.ShortDur(n.Elapsed(v.Now())))+" ("+component.KeyName(v.Keys.Finish)+" finishes)")
	}
	line("local", endpointText(n.LocalEndpoint))
	if n.RemoteEndpoint != nil {
		line("remote", endpointText(n.RemoteEndpoint))
	}
	line("start", n.Start.Format("15:04:05.000000"))
}

// tagLines shows tags sorted by key, the error tag's value in red, escaped
// (they come from outside), or none when there are none.
func tagLines(st *component.Styles, tags map[string]string, none string, line func(label, value string)) {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		line("tags", st.Dim.Render(none))
	}
	for i, k := range keys {
		label := ""
		if i == 0 {
			label = "tags"
		}
		val := component.Safe(tags[k])
		if k == "error" {
			val = st.Err.Render(val)
		}
		line(label, component.Safe(k)+"="+val)
	}
}

// tagsAndAnnotations: sorted tags (error in red), then annotations.
func (v *Inspector) tagsAndAnnotations(n *tracing.Node, line func(label, value string)) {
	st := v.Styles
	tagLines(st, n.Tags, "none ("+component.KeyName(v.Keys.Tag)+" adds one)", line)
	if len(n.Annotations) == 0 {
		line("annot.", st.Dim.Render("none ("+component.KeyName(v.Keys.Annotate)+" adds one)"))
	}
	for i, a := range n.Annotations {
		label := ""
		if i == 0 {
			label = "annot."
		}
		line(label, "+"+component.ShortDur(a.Timestamp.Sub(n.Start))+" "+component.Safe(a.Value))
	}
}

// endpointText is e as one line: service, IP and port ("-" for none).
func endpointText(e *model.Endpoint) string {
	if e == nil {
		return "-"
	}
	s := component.Safe(e.ServiceName)
	if e.IPv4 != nil {
		s += " " + e.IPv4.String()
	} else if e.IPv6 != nil {
		s += " " + e.IPv6.String()
	}
	if e.Port != 0 {
		s += fmt.Sprintf(":%d", e.Port)
	}
	return strings.TrimSpace(s)
}

// NewInspector is the inspector of the span selected answers.
func NewInspector(c *component.Common, selected func() *tracing.Node) *Inspector {
	return &Inspector{PaneBase: component.PaneBase{Common: c}, selected: selected}
}
