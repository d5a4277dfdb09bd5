package pane

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// spanNamePrompt asks for a span's name and starts it with the next kind.
func (t *Tree) spanNamePrompt(title string, start func(name string, kind model.Kind) (*tracing.Node, error)) tea.Cmd {
	return t.Ask(component.PromptSpec{
		Title:       title,
		Placeholder: tracing.DefaultSpanName,
		Accept: func(name string) (tea.Cmd, error) {
			n, err := start(name, t.Kind)
			if err != nil {
				return nil, err
			}
			t.started(n)
			return nil, nil
		},
	})
}

// NewTrace asks for a span name and starts a new trace with it.
func (t *Tree) NewTrace() tea.Cmd {
	return t.spanNamePrompt(fmt.Sprintf("New trace — span name (next kind: %s)", component.KindName(t.Kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.Session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

// DebugTrace asks for a span name and starts a debug trace (always
// sampled) with it.
func (t *Tree) DebugTrace() tea.Cmd {
	return t.spanNamePrompt(fmt.Sprintf("New debug trace (X-B3-Flags: 1, always sampled) — span name (next kind: %s)", component.KindName(t.Kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.Session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind, Debug: true})
		})
}

// NewChild asks for a span name and starts a child of the selected span.
func (t *Tree) NewChild() tea.Cmd {
	parent := t.Selected()
	return t.spanNamePrompt(fmt.Sprintf("Child of %q — span name (next kind: %s)", parent.Name, component.KindName(t.Kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.Session.Start(parent, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

// ContinueTrace asks for pasted B3 headers and starts a span in the trace
// they carry.
func (t *Tree) ContinueTrace() tea.Cmd {
	return t.Ask(component.PromptSpec{
		Title:       fmt.Sprintf("Continue a trace — paste B3 headers (b3: … or X-B3-…: …; separate with ;) (next kind: %s)", component.KindName(t.Kind)),
		Placeholder: "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
		Check:       t.checkPaste,
		MoreLines:   pasteGoesOn,
		Accept: func(text string) (tea.Cmd, error) {
			kind := t.Kind
			n, err := t.Session.ContinueTrace(text, tracing.SpanOptions{Kind: &kind})
			if err != nil {
				return nil, err
			}
			t.started(n)
			t.Say("Continued trace %s as a child of the pasted span.", n.Context.TraceID)
			return nil, nil
		},
	})
}

// pasteGoesOn says whether enter in the paste prompt starts another header
// line: after an X-B3-… line (more usually follow; enter on the empty line
// after them continues the trace), not after a single b3 header, which is
// whole by itself.
func pasteGoesOn(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" || strings.HasSuffix(text, ";") {
		return false
	}
	lines := strings.Split(text, ";")
	last := strings.ToLower(strings.TrimSpace(lines[len(lines)-1]))
	return strings.HasPrefix(last, "x-b3-")
}

// started selects a new span, gives the tree focus, puts the kind back to
// none (K applies to one span) and says what happened.
func (t *Tree) started(n *tracing.Node) {
	t.Select(n)
	t.Send(component.FocusMsg{C: t})
	t.Kind = model.Undetermined
	name := component.Quoted(n.Name) + lowercaseNote(n.Name, t.Session.Outbox().Encoding())
	switch {
	case n.Key.Shared:
		t.Say("Started %s as a SERVER span sharing its client's span ID (zipkin-go shared span). %s finishes it.", name, component.KeyName(t.Keys.Finish))
	case !n.Sampled():
		t.Say("Started %s — not sampled: %s.", name, n.SamplerReason)
	case n.Kind == model.Client && t.Policy.Locked == "":
		t.Say("Started %s — %s calls the demo shop with its B3 headers (a real HTTP request); %s adds a child, %s finishes.", name,
			component.KeyName(t.Keys.Shop), component.KeyName(t.Keys.Child), component.KeyName(t.Keys.Finish))
	default:
		t.Say("Started %s — %s adds a child, %s tags, %s errors, %s finishes.", name,
			component.KeyName(t.Keys.Child), component.KeyName(t.Keys.Tag), component.KeyName(t.Keys.Error), component.KeyName(t.Keys.Finish))
	}
}

// Finish finishes the selected span.
func (t *Tree) Finish() tea.Cmd {
	n := t.Selected()
	if err := t.Session.Finish(n); err != nil {
		t.SayError(err.Error())
		return nil
	}
	if !n.Sampled() {
		t.Say("Finished %q in %s — not sampled, so it stays here and is never sent.", n.Name, component.ShortDur(n.Duration))
	} else {
		t.Say("Finished %q in %s — queued; %s flushes it to the endpoint.", n.Name, component.ShortDur(n.Duration), component.KeyName(t.Keys.Flush))
	}
	return nil
}

// Tag asks for key=value and tags the selected span with it.
func (t *Tree) Tag() tea.Cmd {
	n := t.Selected()
	return t.Ask(component.PromptSpec{
		Title: "Tag " + component.Quoted(n.Name) + " — key=value", Placeholder: "http.method=GET", Check: component.CheckTag,
		Accept: func(value string) (tea.Cmd, error) {
			k, v, _ := strings.Cut(value, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if err := t.Session.Tag(n, k, v); err != nil {
				return nil, err
			}
			t.Say("Tagged %q with %s=%s.", n.Name, k, v)
			return nil, nil
		},
	})
}

// MarkError asks for a message and marks the selected span as failed with it.
func (t *Tree) MarkError() tea.Cmd {
	n := t.Selected()
	return t.Ask(component.PromptSpec{
		Title:       "Error on " + component.Quoted(n.Name) + " — message (tag error=… plus an error annotation)",
		Placeholder: "card declined", Check: component.CheckNonEmpty("an error needs a message"),
		Accept: func(value string) (tea.Cmd, error) {
			if err := t.Session.Error(n, value); err != nil {
				return nil, err
			}
			t.Say("Error on %q: tag error=%s and annotation %s.", n.Name, value, tracing.ErrorAnnotation(value))
			return nil, nil
		},
	})
}

// Annotate asks for an annotation and adds it to the selected span.
func (t *Tree) Annotate() tea.Cmd {
	n := t.Selected()
	return t.Ask(component.PromptSpec{
		Title:       "Annotate " + component.Quoted(n.Name) + " — annotation",
		Placeholder: "cache miss", Check: component.CheckNonEmpty("an annotation needs a value"),
		Accept: func(value string) (tea.Cmd, error) {
			if err := t.Session.Annotate(n, value); err != nil {
				return nil, err
			}
			t.Say("Annotated %q: %s.", n.Name, value)
			return nil, nil
		},
	})
}

var kindCycle = []model.Kind{model.Undetermined, model.Client, model.Server, model.Producer, model.Consumer}

// CycleKind moves the next span's kind along none → CLIENT → SERVER →
// PRODUCER → CONSUMER → none.
func (t *Tree) CycleKind() tea.Cmd {
	next := model.Undetermined
	for i, k := range kindCycle {
		if k == t.Kind {
			next = kindCycle[(i+1)%len(kindCycle)]
		}
	}
	t.Kind = next
	t.Say("The next span started will be %s (then back to none).", component.KindName(next))
	return nil
}

// lowercaseNote is what the status adds when a name will arrive changed
// (i explains why):
// zipkin-go's JSON serializer (and our v1 JSON) lowercase span names.
func lowercaseNote(name string, enc outbox.Encoding) string {
	lower := strings.ToLower(name)
	if lower == name || enc.Codec().KeepsCase {
		return ""
	}
	return fmt.Sprintf(" (sent as %q: i explains)", lower)
}
