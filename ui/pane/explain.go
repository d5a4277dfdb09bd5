package pane

import (
	"fmt"
	"sort"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
)

// Explain is i on the tree: the selected span field by field, or the tree.
func (t *Tree) Explain() component.Explanation { return explainSelected(t.Common, t.Selected()) }

// Explain is i on the inspector: the span it shows, field by field.
func (v *Inspector) Explain() component.Explanation {
	return explainSelected(v.Common, v.selected())
}

// Explain is i on the B3 headers.
func (v *Headers) Explain() component.Explanation { return explainHeaders(v.Session.Config().B3) }

// Explain is i on the delivery log.
func (l *DeliveryLog) Explain() component.Explanation { return explainLog() }

// Explain is i on the received spans.
func (v *Received) Explain() component.Explanation { return explainReceived() }

// explainSelected is span n in plain words, with what the backend stored of
// it; the tree when no span is selected.
func explainSelected(c *component.Common, n *tracing.Node) component.Explanation {
	if n == nil {
		return explainTree()
	}
	e := explainSpan(n, c.Session, c.Session.Config().B3)
	e.Items = append(e.Items, verifyItems(c, n)...)
	return e
}

// ExplainSpan is every inspector field of n in plain words.
func explainSpan(n *tracing.Node, s *tracing.Session, f b3.Format) component.Explanation {
	items := []component.ExplainItem{
		{Label: "name", Value: n.Name, Means: nameMeaning(n.Name, s.Outbox().Encoding())},
		{Label: "kind", Value: component.KindName(n.Kind), Means: kindMeaning(n.Kind)},
		{Label: "trace ID", Value: n.Context.TraceID.String(), Means: fmt.Sprintf("Shared by every span of this trace, across every service it reaches. %d hex digits (%d bits); the sampler decides from its low 64 bits.", len(n.Context.TraceID.String()), 4*len(n.Context.TraceID.String()))},
		{Label: "span ID", Value: n.Context.ID.String(), Means: spanIDMeaning(n)},
		parentItem(n),
	}
	if n.Key.Shared {
		items = append(items, component.ExplainItem{Label: "shared", Value: "yes", Means: "This SERVER span joined its CLIENT's span ID, as zipkin-go does for a SERVER span with a parent: one call, recorded by both sides. Zipkin merges the two halves; Jaeger stores the server half under a new ID, re-parented under the client."})
	}
	items = append(items, sampledItem(n), component.ExplainItem{Label: "why", Value: n.SamplerReason, Means: "Why the trace is (not) sampled. Sampler arithmetic is shown with integers, so you can check it by hand."})
	items = append(items, component.ExplainItem{Label: "local", Value: endpointText(n.LocalEndpoint), Means: "The local endpoint: the service (and IP) that recorded this span. Zipkin lists and groups traces by this service name."})
	remote := "none ({Remote} sets it while a span runs)"
	if n.RemoteEndpoint != nil {
		remote = endpointText(n.RemoteEndpoint)
	}
	items = append(items, component.ExplainItem{Label: "remote", Value: remote, Means: "The remote endpoint: the other side of the call — for a CLIENT the service it called, for a SERVER its caller. Sent as remoteEndpoint; Zipkin's dependency graph uses it for a callee that is not traced itself."})
	items = append(items, timingItems(n)...)
	items = append(items, tagItems(n)...)
	items = append(items, annotationItems(n)...)
	items = append(items, component.ExplainItem{Label: "B3 pane", Value: f.String(), Means: "What this span would send to a service it calls: its trace ID, its own span ID as X-B3-SpanId, its parent as X-B3-ParentSpanId, and the sampling decision. {B3} cycles multi → single → both → gRPC."})
	return component.Explanation{Title: "Explain · span " + component.Quoted(n.Name) + " ({Glossary}: glossary)", Items: items}
}

func nameMeaning(name string, enc outbox.Encoding) string {
	lower := strings.ToLower(name)
	text := "What this span did, e.g. an endpoint or an operation. Zipkin lowercases span names when it stores them; Jaeger keeps their case."
	switch {
	case lower == name:
		return text + " This name is lowercase already, so it arrives as it is."
	case enc.Codec().KeepsCase:
		return text + fmt.Sprintf(" The encoding in use, %s, sends it as typed (%q); a Zipkin server stores %q.", enc.Codec().Title, name, lower)
	}
	return text + fmt.Sprintf(" zipkin-go's JSON serializer and Zipkin lowercase span names: %q arrives as %q.", name, lower)
}

func kindMeaning(k model.Kind) string {
	switch k {
	case model.Client:
		return "CLIENT: the caller's side of a remote call, from sending the request to receiving the answer. Its SERVER side ({Child} with {Kind} at SERVER) shares its span ID."
	case model.Server:
		return "SERVER: the receiving side of a call, from the request arriving to the answer leaving. Its parent is the CLIENT that called it (or the caller in pasted B3 headers)."
	case model.Producer:
		return "PRODUCER: putting a message on a queue or topic. Nobody waits for an answer; the reader records a CONSUMER span."
	case model.Consumer:
		return "CONSUMER: taking a message off a queue. It is a child of the PRODUCER with its own span ID; the gap between them is the time in the queue."
	}
	return "No kind: a local span, work inside one service (a function, a query step). K picks the kind of the next span before it starts: zipkin-go fixes it at start."
}

func spanIDMeaning(n *tracing.Node) string {
	if n.Key.Shared {
		return "This span's ID, 16 hex digits — the same as its CLIENT parent's, because a SERVER span shares the ID of the call it answers."
	}
	text := "This span's own ID, 16 hex digits, unique in the trace. Its children name it as their parent."
	if n.Parent == nil && !n.RemoteParent {
		text += " zipkin-go gives a root span the trace ID's low 64 bits (its last 16 hex digits) as its span ID."
	}
	return text
}

// parentItem never says "root" of a span that has a parent in the tree.
func parentItem(n *tracing.Node) component.ExplainItem {
	id := "none"
	if n.Context.ParentID != nil {
		id = n.Context.ParentID.String()
	}
	switch {
	case n.Key.Shared && n.Parent != nil:
		return component.ExplainItem{Label: "parent", Value: id, Means: fmt.Sprintf("A shared span copies its CLIENT's IDs, parent included, so this is the parent of the CLIENT span %q (%s), not a span of its own. In the tree it hangs under that CLIENT.", n.Parent.Name, n.Parent.Context.ID)}
	case n.Key.Shared:
		return component.ExplainItem{Label: "parent", Value: id, Means: "A shared span copies the IDs of the pasted caller's span, parent included: this is that caller's parent (none when the headers had no X-B3-ParentSpanId)."}
	case n.RemoteParent && n.Parent == nil:
		return component.ExplainItem{Label: "parent", Value: id, Means: "The span in the pasted B3 headers: the caller, in another process. The trace goes on here with the caller's trace ID."}
	case n.Context.ParentID != nil:
		return component.ExplainItem{Label: "parent", Value: id, Means: fmt.Sprintf("The span this one was started from (%q). Parent IDs are what Zipkin draws the tree with.", n.Parent.Name)}
	}
	return component.ExplainItem{Label: "parent", Value: id, Means: "No parent: this is the trace's root, the first span of the trace."}
}

func sampledItem(n *tracing.Node) component.ExplainItem {
	switch {
	case n.Context.Debug:
		return component.ExplainItem{Label: "sampled", Value: "debug", Means: "The debug flag (X-B3-Flags: 1) keeps this trace whatever the sampler says, here and downstream."}
	case !n.Sampled():
		return component.ExplainItem{Label: "sampled", Value: "no", Means: "Not sampled: the span has IDs and B3 headers (X-B3-Sampled: 0 tells downstream services not to record either) but zipkin-go never reports it, so it is never sent."}
	}
	return component.ExplainItem{Label: "sampled", Value: "yes", Means: "Sampled: zipkin-go reports a sampled span when it finishes, and {Flush} sends it. The decision is made once, at the trace's root; children inherit it."}
}

func timingItems(n *tracing.Node) []component.ExplainItem {
	start := component.ExplainItem{Label: "start", Value: n.Start.Format("15:04:05.000000"), Means: "When the span began; sent as timestamp, in microseconds since 1970."}
	if !n.Finished {
		return []component.ExplainItem{start, {Label: "duration", Value: "running", Means: "A running span has no duration yet: {Finish} finishes it, and only then can it be sent."}}
	}
	return []component.ExplainItem{start, {Label: "duration", Value: component.ShortDur(n.Duration), Means: "How long it took; sent as duration in microseconds (at least 1)."}}
}

func tagItems(n *tracing.Node) []component.ExplainItem {
	if len(n.Tags) == 0 {
		return []component.ExplainItem{{Label: "tags", Value: "none", Means: "Tags are key=value facts about the span that Zipkin can search ({Tag} adds one while the span runs)."}}
	}
	keys := make([]string, 0, len(n.Tags))
	for k := range n.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var items []component.ExplainItem
	for _, k := range keys {
		means := "A tag: a key=value fact Zipkin can search."
		if k == "error" {
			means = "The error tag marks the span failed; Zipkin paints it red. zipkin-go keeps the first error value (first write wins). Jaeger turns it into error=true."
		}
		items = append(items, component.ExplainItem{Label: "tag", Value: k + "=" + n.Tags[k], Means: means})
	}
	return items
}

func annotationItems(n *tracing.Node) []component.ExplainItem {
	if len(n.Annotations) == 0 {
		return []component.ExplainItem{{Label: "annot.", Value: "none", Means: "Annotations are timestamped events inside the span ({Annotate} adds one; {Error} adds the error event)."}}
	}
	var items []component.ExplainItem
	for _, a := range n.Annotations {
		means := "An event at this offset from the span's start."
		if strings.HasPrefix(a.Value, `{"event":"error"`) {
			means = "The error event {Error} adds, in the seed's JSON form {\"event\":\"error\",\"stack\":…}."
		}
		items = append(items, component.ExplainItem{Label: "annot.", Value: "+" + component.ShortDur(a.Timestamp.Sub(n.Start)) + " " + a.Value, Means: means})
	}
	return items
}

func explainTree() component.Explanation {
	return component.Explanation{Title: "Explain · span tree ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "span tree", Value: "", Means: "Every trace you build: ◆ a root (↳ the first span of a trace continued from pasted B3 headers), its children indented under it. {NewTrace} starts a trace, {Child} a child of the selected span. {Explain} on a selected span explains each of its fields."},
		{Label: "row", Value: "", Means: "name, [KIND], shared, ● elapsed while running or the duration once finished, debug / not sampled, ✗ error, then the delivery state: queued, sending, delivered, failed."},
	}}
}

func explainHeaders(f b3.Format) component.Explanation {
	return component.Explanation{Title: "Explain · B3 headers ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "B3 headers", Value: f.String(), Means: "What zipkin-go's injector writes for the selected span when it calls another service: the receiver continues the trace from them. {B3} cycles the formats."},
		{Label: "X-B3-TraceId", Value: "", Means: "The trace ID, 16 or 32 lower-hex digits, the same in every service."},
		{Label: "X-B3-SpanId", Value: "", Means: "This span's ID: the receiver's span takes it as its parent (a SERVER span with zipkin-go joins it instead)."},
		{Label: "X-B3-ParentSpanId", Value: "", Means: "This span's own parent; absent on a root."},
		{Label: "X-B3-Sampled", Value: "", Means: "1 or 0: the sampling decision, so downstream services record the same traces. Absent with X-B3-Flags: 1 (debug)."},
		{Label: "b3", Value: "", Means: "The single-header form: {TraceId}-{SpanId}-{1|0|d}-{ParentSpanId}. When both forms arrive, the single one wins."},
		{Label: "gRPC", Value: "", Means: "The same fields as gRPC metadata, names lowercase (x-b3-traceid …)."},
	}}
}

func explainLog() component.Explanation {
	return component.Explanation{Title: "Explain · delivery log ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "delivery log", Value: "", Means: "One line per POST a flush ({Flush}) made, newest at the bottom; {Up} and {Down} scroll when it has focus."},
		{Label: "time", Value: "15:04:05", Means: "When the answer came."},
		{Label: "batch n/N", Value: "", Means: "Which of the flush's batches (up to --batch spans each)."},
		{Label: "spans, bytes", Value: "", Means: "How many spans the batch carried and the size of its body, as zipkin-go serialized it."},
		{Label: "HTTP status", Value: "", Means: "The collector's answer. 2xx (Zipkin says 202) means accepted: only then is a span delivered. Anything else leaves its spans queued for {Retry}."},
		{Label: "latency", Value: "", Means: "Time from sending the request to the answer."},
		{Label: "→ hint", Value: "", Means: "On a failure: what it usually means — 404 a wrong path (v2 expects /api/v2/spans), 401/403 a wrong token in the URL, connection refused nothing listening."},
	}}
}

func explainReceived() component.Explanation {
	return component.Explanation{Title: "Explain · received spans ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "received", Value: "", Means: "What the embedded receiver decoded and stored, read back — not what was sent. Newest trace first; {Up} and {Down} move the cursor (▶), and the selected span's details — IDs, endpoints, tags, annotations — show under the list. Identical duplicates are stored once, and counted in the title."},
		{Label: "trace line", Value: "", Means: "trace ID · number of spans · the trace's total time · how many spans carry an error tag."},
		{Label: "span line", Value: "", Means: "name (lowercase when sent as JSON: Zipkin's rule) [KIND] service ✗ (error) duration, indented under its parent; a shared SERVER span hangs under its CLIENT, or is a root when its CLIENT went elsewhere, as does any span whose parent did not arrive."},
		{Label: "waterfall", Value: "", Means: "Each bar starts at the span's start and is as long as its duration, on the trace's time scale; red bars are spans tagged error."},
		{Label: "source", Value: "", Means: "Sending to Zipkin or Jaeger with a query URL, the pane draws what that backend stored, as verification ({Verify}) read it back: other services' spans in the trace and the backend's rewrites show there. The title says which it shows; {Source} switches between the embedded receiver and the backend."},
	}}
}

// sharedParentText is the inspector's parent line for a shared SERVER span,
// which carries its client's parent ID (none when the client is a root).
func sharedParentText(n *tracing.Node) string {
	id := "none"
	if n.Context.ParentID != nil {
		id = n.Context.ParentID.String()
	}
	if n.Parent != nil {
		return fmt.Sprintf("%s — copied from its CLIENT %s (shared span)", id, n.Parent.Context.ID)
	}
	return fmt.Sprintf("%s — copied from the pasted caller %s (shared span)", id, n.Context.ID)
}

// Explain says what the lesson panel is and how the tour moves.
func (p *Learn) Explain() component.Explanation {
	return component.Explanation{Title: "Explain · lesson ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "lesson n/N", Value: "", Means: "The guided tour: one Zipkin idea per lesson, taught on the spans you make here. {Learn} leaves it and comes back to the same lesson."},
		{Label: "Do:", Value: "", Means: "What to press. The lesson watches the playground and passes when you have done it, not before."},
		{Label: "○ waiting", Value: "", Means: "Not done yet. {NextLesson} skips ahead and {PrevLesson} goes back; a lesson passed stays passed."},
		{Label: "✓ Done.", Value: "", Means: "You did it: below it, what just happened, in the words of what the screen shows."},
		{Label: "↓ n more", Value: "", Means: "The lesson is longer than the panel: tab gives it the keys, then {Down} and {Up} scroll."},
	}}
}

// Explain says what the full help lists.
func (h *Help) Explain() component.Explanation {
	return component.Explanation{Title: "Explain · all keys ({Glossary}: glossary)", Items: []component.ExplainItem{
		{Label: "all keys", Value: "", Means: "Every key the playground has, grouped as the screen is: moving in the focused pane, then each group of actions."},
		{Label: "— why", Value: "", Means: "A key that does not apply now says why beside it, so nothing is pressed for nothing."},
	}}
}
