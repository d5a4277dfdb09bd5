package pane

import (
	"fmt"
	"sort"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"
)

// detail is the Received pane's own inspector: everything the receiver
// stored of the selected span (IDs, kind, endpoints, timing, tags,
// annotations), or a summary of the selected trace. All of it came from
// outside, so every text goes through safe.
func (v *Received) detail(r recvRow) []string {
	var out []string
	line := func(label, value string) {
		l := v.Styles.Label.Render(fmt.Sprintf("%-*s", labelW, label))
		out = append(out, component.WrapIndent(l, value, labelW, v.Width)...)
	}
	t := &v.traces[r.trace]
	if r.span < 0 {
		line("trace ID", t.TraceID.String())
		line("spans", fmt.Sprintf("%d, %s", len(t.Spans), component.Plural(t.errs, "error")))
		line("lasts", component.ShortDur(t.total))
		line("services", strings.Join(servicesOf(t.Spans), ", "))
		line(v.firstLabel(), t.First.Format("15:04:05.000"))
		return out
	}
	s := t.Spans[r.span]
	line("name", component.Safe(s.Name))
	kind := string(s.Kind)
	if kind == "" {
		kind = "none (local span)"
	}
	line("kind", kind)
	line("trace ID", s.TraceID.String())
	line("span ID", s.ID.String())
	line("parent", v.parentText(t.Spans, s))
	var flags []string
	if s.Shared {
		flags = append(flags, "shared (the SERVER half of its CLIENT's span ID)")
	}
	if s.Debug {
		flags = append(flags, "debug")
	}
	if len(flags) > 0 {
		line("flags", strings.Join(flags, ", "))
	}
	line("local", endpointText(s.LocalEndpoint))
	if s.RemoteEndpoint != nil {
		line("remote", endpointText(s.RemoteEndpoint))
	}
	if s.Timestamp.IsZero() {
		line("start", v.Styles.Dim.Render("none: sent without timestamp"))
	} else {
		line("start", s.Timestamp.Format("15:04:05.000000"))
	}
	line("duration", component.ShortDur(s.Duration))
	v.receivedTags(s, line)
	return out
}

// parentText names the parent and says whether it arrived.
func (v *Received) parentText(spans []model.SpanModel, s model.SpanModel) string {
	if s.ParentID == nil {
		return "none: a root"
	}
	for _, o := range spans {
		if o.ID == *s.ParentID && !o.Shared {
			return s.ParentID.String()
		}
	}
	return s.ParentID.String() + " (not received: shown as a root)"
}

// receivedTags: sorted tags (error in red), then annotations with their
// offset from the span's start.
func (v *Received) receivedTags(s model.SpanModel, line func(label, value string)) {
	tagLines(v.Styles, s.Tags, "none", line)
	if len(s.Annotations) == 0 {
		line("annot.", v.Styles.Dim.Render("none"))
	}
	for i, a := range s.Annotations {
		label := ""
		if i == 0 {
			label = "annot."
		}
		at := a.Timestamp.Format("15:04:05.000000")
		if !s.Timestamp.IsZero() {
			at = "+" + component.ShortDur(a.Timestamp.Sub(s.Timestamp))
		}
		line(label, at+" "+component.Safe(a.Value))
	}
}

// servicesOf lists a trace's local service names, sorted and made safe.
func servicesOf(spans []model.SpanModel) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range spans {
		if name := ServiceName(s.LocalEndpoint); name != "" && !seen[name] {
			seen[name] = true
			out = append(out, component.Safe(name))
		}
	}
	sort.Strings(out)
	return out
}

// CursorSpan is the span under the Received pane's cursor and the spans of
// its trace; ok is false on a trace's row or when there is none.
func (v *Received) CursorSpan() (s model.SpanModel, trace []model.SpanModel, ok bool) {
	if v.cursor < 0 || v.cursor >= len(v.Rows) || v.Rows[v.cursor].span < 0 {
		return s, nil, false
	}
	trace = v.traces[v.Rows[v.cursor].trace].Spans
	return trace[v.Rows[v.cursor].span], trace, true
}
