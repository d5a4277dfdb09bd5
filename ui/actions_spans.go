package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// spanActions are the keys that build spans: n, D, P, c, f, t, e, a, K.
// They belong to the span tree, which does them.
func spanActions(k *KeyMap) []action {
	return []action{
		{&k.NewTrace, nil, with(treeOf, (*treePane).newTrace)},
		{&k.Child, childAllowed, with(treeOf, (*treePane).newChild)},
		{&k.Finish, needRunning, with(treeOf, (*treePane).finish)},
		{&k.Tag, needEditable, with(treeOf, (*treePane).tag)},
		{&k.Error, needEditable, with(treeOf, (*treePane).markError)},
		{&k.Annotate, needEditable, with(treeOf, (*treePane).annotate)},
		{&k.Kind, nil, with(treeOf, (*treePane).cycleKind)},
		{&k.Debug, nil, with(treeOf, (*treePane).debugTrace)},
		{&k.Continue, nil, with(treeOf, (*treePane).continueTrace)},
		{&k.Remote, needEditable, with(treeOf, (*treePane).remoteEndpoint)},
	}
}

func needSelected(m *Model) string {
	if m.tree.Selected() == nil {
		return noSpan(m.keys)
	}
	return ""
}

// childAllowed is c's guard: a span is selected, and a SERVER child only
// under a CLIENT (tracing.CheckChildKind says why not).
func childAllowed(m *Model) string {
	if why := needSelected(m); why != "" {
		return why
	}
	if err := tracing.CheckChildKind(m.tree.Selected(), m.tree.NextKind()); err != nil {
		return err.Error()
	}
	return ""
}

func needRunning(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return noSpan(m.keys)
	case n.Finished:
		return fmt.Sprintf("%q is already finished (%s)", n.Name, shortDur(n.Duration))
	}
	return ""
}

func needEditable(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return noSpan(m.keys)
	case n.Finished:
		return fmt.Sprintf("%q is finished: zipkin-go reports a span once, so it cannot change; start a new span", n.Name)
	}
	return ""
}

// spanNamePrompt asks for a span's name and starts it with the next kind.
func (t *treePane) spanNamePrompt(title string, start func(name string, kind model.Kind) (*tracing.Node, error)) tea.Cmd {
	return t.ask(promptSpec{
		title:       title,
		placeholder: tracing.DefaultSpanName,
		accept: func(name string) (tea.Cmd, error) {
			n, err := start(name, t.kind)
			if err != nil {
				return nil, err
			}
			t.started(n)
			return nil, nil
		},
	})
}

func (t *treePane) newTrace() tea.Cmd {
	return t.spanNamePrompt(fmt.Sprintf("New trace — span name (next kind: %s)", kindName(t.kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

func (t *treePane) debugTrace() tea.Cmd {
	return t.spanNamePrompt(fmt.Sprintf("New debug trace (X-B3-Flags: 1, always sampled) — span name (next kind: %s)", kindName(t.kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind, Debug: true})
		})
}

func (t *treePane) newChild() tea.Cmd {
	parent := t.Selected()
	return t.spanNamePrompt(fmt.Sprintf("Child of %q — span name (next kind: %s)", parent.Name, kindName(t.kind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return t.session.Start(parent, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

func (t *treePane) continueTrace() tea.Cmd {
	return t.ask(promptSpec{
		title:       fmt.Sprintf("Continue a trace — paste B3 headers (b3: … or X-B3-…: …; separate with ;) (next kind: %s)", kindName(t.kind)),
		placeholder: "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
		check:       t.checkPaste,
		moreLines:   pasteGoesOn,
		accept: func(text string) (tea.Cmd, error) {
			kind := t.kind
			n, err := t.session.ContinueTrace(text, tracing.SpanOptions{Kind: &kind})
			if err != nil {
				return nil, err
			}
			t.started(n)
			t.say("Continued trace %s as a child of the pasted span.", n.Context.TraceID)
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
func (t *treePane) started(n *tracing.Node) {
	t.Select(n)
	t.send(focusMsg{t})
	t.kind = model.Undetermined
	name := quoted(n.Name) + lowercaseNote(n.Name, t.session.Outbox().Encoding())
	switch {
	case n.Key.Shared:
		t.say("Started %s as a SERVER span sharing its client's span ID (zipkin-go shared span). %s finishes it.", name, keyName(t.keys.Finish))
	case !n.Sampled():
		t.say("Started %s — not sampled: %s.", name, n.SamplerReason)
	case n.Kind == model.Client && t.policy.Locked == "":
		t.say("Started %s — %s calls the demo shop with its B3 headers (a real HTTP request); %s adds a child, %s finishes.", name,
			keyName(t.keys.Shop), keyName(t.keys.Child), keyName(t.keys.Finish))
	default:
		t.say("Started %s — %s adds a child, %s tags, %s errors, %s finishes.", name,
			keyName(t.keys.Child), keyName(t.keys.Tag), keyName(t.keys.Error), keyName(t.keys.Finish))
	}
}

func (t *treePane) finish() tea.Cmd {
	n := t.Selected()
	if err := t.session.Finish(n); err != nil {
		t.sayError(err.Error())
		return nil
	}
	if !n.Sampled() {
		t.say("Finished %q in %s — not sampled, so it stays here and is never sent.", n.Name, shortDur(n.Duration))
	} else {
		t.say("Finished %q in %s — queued; %s flushes it to the endpoint.", n.Name, shortDur(n.Duration), keyName(t.keys.Flush))
	}
	return nil
}

func (t *treePane) tag() tea.Cmd {
	n := t.Selected()
	return t.ask(promptSpec{
		title: "Tag " + quoted(n.Name) + " — key=value", placeholder: "http.method=GET", check: checkTag,
		accept: func(value string) (tea.Cmd, error) {
			k, v, _ := strings.Cut(value, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if err := t.session.Tag(n, k, v); err != nil {
				return nil, err
			}
			t.say("Tagged %q with %s=%s.", n.Name, k, v)
			return nil, nil
		},
	})
}

func (t *treePane) markError() tea.Cmd {
	n := t.Selected()
	return t.ask(promptSpec{
		title:       "Error on " + quoted(n.Name) + " — message (tag error=… plus an error annotation)",
		placeholder: "card declined", check: checkNonEmpty("an error needs a message"),
		accept: func(value string) (tea.Cmd, error) {
			if err := t.session.Error(n, value); err != nil {
				return nil, err
			}
			t.say("Error on %q: tag error=%s and annotation %s.", n.Name, value, tracing.ErrorAnnotation(value))
			return nil, nil
		},
	})
}

func (t *treePane) annotate() tea.Cmd {
	n := t.Selected()
	return t.ask(promptSpec{
		title:       "Annotate " + quoted(n.Name) + " — annotation",
		placeholder: "cache miss", check: checkNonEmpty("an annotation needs a value"),
		accept: func(value string) (tea.Cmd, error) {
			if err := t.session.Annotate(n, value); err != nil {
				return nil, err
			}
			t.say("Annotated %q: %s.", n.Name, value)
			return nil, nil
		},
	})
}

var kindCycle = []model.Kind{model.Undetermined, model.Client, model.Server, model.Producer, model.Consumer}

// cycleKind moves the next span's kind along none → CLIENT → SERVER →
// PRODUCER → CONSUMER → none.
func (t *treePane) cycleKind() tea.Cmd {
	next := model.Undetermined
	for i, k := range kindCycle {
		if k == t.kind {
			next = kindCycle[(i+1)%len(kindCycle)]
		}
	}
	t.kind = next
	t.say("The next span started will be %s (then back to none).", kindName(next))
	return nil
}

func quoted(s string) string { return fmt.Sprintf("%q", s) }

func kindName(k model.Kind) string {
	if k == model.Undetermined {
		return "none"
	}
	return string(k)
}
