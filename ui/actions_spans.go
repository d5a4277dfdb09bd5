package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// spanActions are the keys that build spans: n, D, P, c, f, t, e, a, K.
func spanActions(k *KeyMap) []action {
	return []action{
		{&k.NewTrace, nil, (*Model).newTrace},
		{&k.Child, childAllowed, (*Model).newChild},
		{&k.Finish, needRunning, (*Model).finish},
		{&k.Tag, needEditable, (*Model).tag},
		{&k.Error, needEditable, (*Model).markError},
		{&k.Annotate, needEditable, (*Model).annotate},
		{&k.Kind, nil, (*Model).cycleKind},
		{&k.Debug, nil, (*Model).debugTrace},
		{&k.Continue, nil, (*Model).continueTrace},
		{&k.Remote, needEditable, (*Model).remoteEndpoint},
	}
}

func needSelected(m *Model) string {
	if m.tree.Selected() == nil {
		return errNoSpan.Error()
	}
	return ""
}

func needRunning(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return errNoSpan.Error()
	case n.Finished:
		return fmt.Sprintf("%q is already finished (%s)", n.Name, shortDur(n.Duration))
	}
	return ""
}

func needEditable(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return errNoSpan.Error()
	case n.Finished:
		return fmt.Sprintf("%q is finished: zipkin-go reports a span once, so it cannot change; start a new span", n.Name)
	}
	return ""
}

// openPrompt puts a text prompt in the dialog slot.
func (m *Model) openPrompt(spec promptSpec) tea.Cmd {
	if spec.cancelled == nil {
		spec.cancelled = func() { m.setStatus("Cancelled.") }
	}
	m.openDialog(newPrompt(m.common, spec), modeDialog)
	return nil
}

// spanNamePrompt asks for a span's name and starts it with the next kind.
func (m *Model) spanNamePrompt(title string, start func(name string, kind model.Kind) (*tracing.Node, error)) tea.Cmd {
	return m.openPrompt(promptSpec{
		title:       title,
		placeholder: tracing.DefaultSpanName,
		accept: func(name string) (tea.Cmd, error) {
			n, err := start(name, m.nextKind)
			if err != nil {
				return nil, err
			}
			m.started(n)
			return nil, nil
		},
	})
}

func (m *Model) newTrace() tea.Cmd {
	return m.spanNamePrompt(fmt.Sprintf("New trace — span name (next kind: %s)", kindName(m.nextKind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return m.session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

func (m *Model) debugTrace() tea.Cmd {
	return m.spanNamePrompt(fmt.Sprintf("New debug trace (X-B3-Flags: 1, always sampled) — span name (next kind: %s)", kindName(m.nextKind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return m.session.Start(nil, tracing.SpanOptions{Name: name, Kind: &kind, Debug: true})
		})
}

func (m *Model) newChild() tea.Cmd {
	parent := m.tree.Selected()
	return m.spanNamePrompt(fmt.Sprintf("Child of %q — span name (next kind: %s)", parent.Name, kindName(m.nextKind)),
		func(name string, kind model.Kind) (*tracing.Node, error) {
			return m.session.Start(parent, tracing.SpanOptions{Name: name, Kind: &kind})
		})
}

func (m *Model) continueTrace() tea.Cmd {
	return m.openPrompt(promptSpec{
		title:       fmt.Sprintf("Continue a trace — paste B3 headers (b3: … or X-B3-…: …; separate with ;) (next kind: %s)", kindName(m.nextKind)),
		placeholder: "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
		check:       m.checkPaste,
		moreLines:   pasteGoesOn,
		accept: func(text string) (tea.Cmd, error) {
			kind := m.nextKind
			n, err := m.session.ContinueTrace(text, tracing.SpanOptions{Kind: &kind})
			if err != nil {
				return nil, err
			}
			m.started(n)
			m.setStatus("Continued trace %s as a child of the pasted span.", n.Context.TraceID)
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
func (m *Model) started(n *tracing.Node) {
	m.tree.Select(n)
	m.focus(m.tree)
	m.nextKind = model.Undetermined
	name := quoted(n.Name) + lowercaseNote(n.Name, m.session.Outbox().Encoding())
	switch {
	case n.Key.Shared:
		m.setStatus("Started %s as a SERVER span sharing its client's span ID (zipkin-go shared span). f finishes it.", name)
	case !n.Sampled():
		m.setStatus("Started %s — not sampled: %s.", name, n.SamplerReason)
	default:
		m.setStatus("Started %s — c adds a child, t tags, e errors, f finishes.", name)
	}
}

func (m *Model) finish() tea.Cmd {
	n := m.tree.Selected()
	if err := m.session.Finish(n); err != nil {
		m.setError(err)
		return nil
	}
	if !n.Sampled() {
		m.setStatus("Finished %q in %s — not sampled, so it stays here and is never sent.", n.Name, shortDur(n.Duration))
	} else {
		m.setStatus("Finished %q in %s — queued; F flushes it to the endpoint.", n.Name, shortDur(n.Duration))
	}
	return nil
}

func (m *Model) tag() tea.Cmd {
	n := m.tree.Selected()
	return m.openPrompt(promptSpec{
		title: "Tag " + quoted(n.Name) + " — key=value", placeholder: "http.method=GET", check: checkTag,
		accept: func(value string) (tea.Cmd, error) {
			k, v, _ := strings.Cut(value, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if err := m.session.Tag(n, k, v); err != nil {
				return nil, err
			}
			m.setStatus("Tagged %q with %s=%s.", n.Name, k, v)
			return nil, nil
		},
	})
}

func (m *Model) markError() tea.Cmd {
	n := m.tree.Selected()
	return m.openPrompt(promptSpec{
		title:       "Error on " + quoted(n.Name) + " — message (tag error=… plus an error annotation)",
		placeholder: "card declined", check: checkNonEmpty("an error needs a message"),
		accept: func(value string) (tea.Cmd, error) {
			if err := m.session.Error(n, value); err != nil {
				return nil, err
			}
			m.setStatus("Error on %q: tag error=%s and annotation %s.", n.Name, value, tracing.ErrorAnnotation(value))
			return nil, nil
		},
	})
}

func (m *Model) annotate() tea.Cmd {
	n := m.tree.Selected()
	return m.openPrompt(promptSpec{
		title:       "Annotate " + quoted(n.Name) + " — annotation",
		placeholder: "cache miss", check: checkNonEmpty("an annotation needs a value"),
		accept: func(value string) (tea.Cmd, error) {
			if err := m.session.Annotate(n, value); err != nil {
				return nil, err
			}
			m.setStatus("Annotated %q: %s.", n.Name, value)
			return nil, nil
		},
	})
}

var kindCycle = []model.Kind{model.Undetermined, model.Client, model.Server, model.Producer, model.Consumer}

// cycleKind moves the next span's kind along none → CLIENT → SERVER →
// PRODUCER → CONSUMER → none.
func (m *Model) cycleKind() tea.Cmd {
	next := model.Undetermined
	for i, k := range kindCycle {
		if k == m.nextKind {
			next = kindCycle[(i+1)%len(kindCycle)]
		}
	}
	m.nextKind = next
	m.setStatus("The next span started will be %s (then back to none).", kindName(next))
	return nil
}

func quoted(s string) string { return fmt.Sprintf("%q", s) }

func kindName(k model.Kind) string {
	if k == model.Undetermined {
		return "none"
	}
	return string(k)
}
