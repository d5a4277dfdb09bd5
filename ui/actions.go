package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// handleKey routes one key: the open dialog first, then global keys, then
// the focused pane.
func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case m.confirmQuit:
		return m.confirmQuitKey(msg)
	case m.prompt != nil:
		return m.promptKey(msg)
	case m.picker != nil:
		return m.pickerKey(msg)
	case m.showHelp && (key.Matches(msg, k.Help) || key.Matches(msg, k.Cancel)):
		m.showHelp = false
		return m, nil
	}
	m.showHelp = false
	if cmd, ok := m.globalKey(msg); ok {
		return m, cmd
	}
	var cmd tea.Cmd
	switch m.focus {
	case focusLog:
		m.log, cmd = m.log.Update(msg, true)
	case focusReceived:
		m.received, cmd = m.received.Update(msg)
	default:
		m.tree, cmd = m.tree.Update(msg)
	}
	return m, cmd
}

// globalKey handles the keys that act whatever pane has focus. ok is false
// when the key is not one of them.
func (m *Model) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := m.keys
	sel := m.tree.Selected()
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case key.Matches(msg, k.Help):
		m.showHelp = true
	case key.Matches(msg, k.Tab):
		m.cycleFocus()
	case key.Matches(msg, k.NewTrace):
		m.openPrompt(promptNewTrace, fmt.Sprintf("New trace — span name (next kind: %s)", kindName(m.session.NextKind())), "", tracing.DefaultSpanName, nil)
	case key.Matches(msg, k.Debug):
		m.openPrompt(promptDebug, "New debug trace (X-B3-Flags: 1, always sampled) — span name", "", tracing.DefaultSpanName, nil)
	case key.Matches(msg, k.Child):
		if m.needSpan(sel) {
			m.openPrompt(promptChild, fmt.Sprintf("Child of %q — span name (next kind: %s)", sel.Name, kindName(m.session.NextKind())), "", tracing.DefaultSpanName, nil)
		}
	case key.Matches(msg, k.Finish):
		if m.needSpan(sel) {
			m.finish(sel)
		}
	case key.Matches(msg, k.Tag):
		if m.needEditable(sel) {
			m.openPrompt(promptTag, "Tag "+quoted(sel.Name)+" — key=value", "", "http.method=GET", checkTag)
		}
	case key.Matches(msg, k.Error):
		if m.needEditable(sel) {
			m.openPrompt(promptError, "Error on "+quoted(sel.Name)+" — message (tag error=… plus an error annotation)", "", "card declined", checkNonEmpty("an error needs a message"))
		}
	case key.Matches(msg, k.Annotate):
		if m.needEditable(sel) {
			m.openPrompt(promptAnnotate, "Annotate "+quoted(sel.Name)+" — annotation", "", "cache miss", checkNonEmpty("an annotation needs a value"))
		}
	case key.Matches(msg, k.Kind):
		m.setStatus("The next span started will be %s.", kindName(m.session.CycleNextKind()))
	case key.Matches(msg, k.B3):
		m.headers.Next()
		m.setStatus("B3 view: %s.", m.headers.format)
	case key.Matches(msg, k.Flush), key.Matches(msg, k.Retry):
		return m.flush(key.Matches(msg, k.Retry)), true
	case key.Matches(msg, k.Endpoint):
		m.openEndpointPrompt()
	case key.Matches(msg, k.Sampler):
		m.picker = newSamplerPicker(m.common, m.session.Config().Sampler.Kind)
		m.picker.width = min(m.width, 100)
	case key.Matches(msg, k.Reveal):
		m.toggleReveal()
	case key.Matches(msg, k.Continue):
		m.openPrompt(promptContinue, "Continue a trace — paste B3 headers (b3: … or X-B3-…: …; separate with ;)", "", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", checkB3)
	case key.Matches(msg, k.Save):
		m.openPrompt(promptSave, "Save the trees as a scenario — file name", "scenario.json", "", checkNonEmpty("a file name is needed"))
	case key.Matches(msg, k.Load):
		m.openPrompt(promptLoad, "Open a scenario — file name (see examples/)", "examples/checkout.json", "", checkNonEmpty("a file name is needed"))
	case key.Matches(msg, k.Export):
		m.openPrompt(promptExport, "Export Zipkin v2 JSON (and a curl command) — file name", "spans.json", "", checkNonEmpty("a file name is needed"))
	default:
		return nil, false
	}
	return m.ensureTick(), true
}

func quoted(s string) string { return fmt.Sprintf("%q", s) }

func kindName(k model.Kind) string {
	if k == model.Undetermined {
		return "none"
	}
	return string(k)
}

func (m *Model) needSpan(n *tracing.Node) bool {
	if n == nil {
		m.setError(errors.New("no span selected: press n to start a trace first"))
		return false
	}
	return true
}

func (m *Model) needEditable(n *tracing.Node) bool {
	if !m.needSpan(n) {
		return false
	}
	if n.Finished {
		m.setError(fmt.Errorf("%q is finished: zipkin-go reports a span once, so it cannot change; start a new span", n.Name))
		return false
	}
	return true
}

func (m *Model) finish(n *tracing.Node) {
	if err := m.session.Finish(n); err != nil {
		m.setError(fmt.Errorf("%q is already finished (%s)", n.Name, shortDur(n.Duration)))
		return
	}
	switch {
	case !n.Sampled():
		m.setStatus("Finished %q in %s — not sampled, so it stays here and is never sent.", n.Name, shortDur(n.Duration))
	default:
		m.setStatus("Finished %q in %s — queued; F flushes it to the endpoint.", n.Name, shortDur(n.Duration))
	}
}

func (m *Model) cycleFocus() {
	m.focus = (m.focus + 1) % 3
	if m.focus == focusReceived && m.session.Receiver() == nil {
		m.focus = focusTree
	}
	m.setStatus("Focus: %s.", [...]string{"span tree", "delivery log", "received spans"}[m.focus])
}

func (m *Model) openPrompt(kind promptKind, title, value, placeholder string, check func(string) (string, string)) {
	m.prompt = newPrompt(m.common, kind, title, value, placeholder, check)
	m.prompt.SetWidth(min(m.width, 100))
}

func (m *Model) openEndpointPrompt() {
	ep := m.session.Endpoint()
	current := m.session.Config().Endpoint
	if !m.session.Config().RevealSecrets {
		current = ep.Mask(current)
	}
	if tracing.IsLocalSpec(m.session.Config().Endpoint) {
		current = "local"
	}
	m.openPrompt(promptEndpoint, "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local", current, "local", checkEndpoint)
}

func (m *Model) toggleReveal() {
	reveal := !m.session.Config().RevealSecrets
	m.session.SetReveal(reveal)
	if reveal {
		m.setStatus("Secrets revealed — press v again before you share the screen.")
	} else {
		m.setStatus("Secrets masked.")
	}
}

func (m *Model) quit() tea.Cmd {
	if n := m.undelivered(); n > 0 {
		m.confirmQuit = true
		m.setStatus("%d spans not delivered — quit anyway? (y/n)", n)
		return nil
	}
	m.quitting = true
	return tea.Quit
}

func (m Model) confirmQuitKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Yes):
		m.quitting = true
		return m, tea.Quit
	case key.Matches(msg, m.keys.No):
		m.confirmQuit = false
		m.setStatus("Not quitting. F flushes what is queued.")
	}
	return m, nil
}

// flush sends every finished, sampled, undelivered span (F), or what failed (r).
func (m *Model) flush(retry bool) tea.Cmd {
	if m.flushing {
		m.setError(errors.New("a flush is already running; wait for its results"))
		return nil
	}
	counts := m.session.Outbox().Counts()
	running := m.runningSpans()
	if counts.Pending() == 0 {
		switch {
		case retry && counts.Failed == 0:
			m.setStatus("Nothing failed, nothing to retry.")
		case running > 0:
			m.setStatus("Nothing to send yet: %d spans are running — f finishes the selected one (running spans are not sent).", running)
		default:
			m.setStatus("Nothing to send: every finished sampled span is delivered.")
		}
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.flushing, m.cancelFlush = true, cancel
	note := ""
	if running > 0 {
		note = fmt.Sprintf(" (%d running spans are not sent until finished)", running)
	}
	m.setStatus("Flushing %d spans to %s%s…", counts.Pending(), m.session.Endpoint().Display(m.session.Config().RevealSecrets), note)
	m.log.Add(fmt.Sprintf("— flush of %d spans to %s", counts.Pending(), m.session.Endpoint().Display(m.session.Config().RevealSecrets)))
	return tea.Batch(m.log.Start(), startFlush(ctx, m.session.Outbox()))
}

func (m Model) flushDone(sum tracing.FlushSummary) Model {
	m.flushing = false
	if m.cancelFlush != nil {
		m.cancelFlush()
	}
	m.log.Stop()
	switch {
	case sum.Failed == 0:
		m.setStatus("Delivered %d spans in %d batches (%s).", sum.Delivered, sum.Batches, shortDur(sum.Elapsed))
	default:
		m.status, m.statusBad = fmt.Sprintf("%d of %d spans failed and stay queued — fix the endpoint (E) and press r to retry.", sum.Failed, sum.Spans), true
	}
	return m
}

// promptKey handles a key while a prompt is open.
func (m Model) promptKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	p := m.prompt
	switch {
	case p.IsCancel(msg):
		m.prompt = nil
		m.setStatus("Cancelled.")
		return m, nil
	case p.IsAccept(msg):
		if p.err != "" {
			return m, nil // refused inline; the prompt stays
		}
		return m.accept(p)
	}
	return m, p.Update(msg)
}

// accept acts on a prompt's answer.
func (m Model) accept(p *prompt) (Model, tea.Cmd) {
	value := p.Value()
	sel := m.tree.Selected()
	var err error
	var cmd tea.Cmd
	switch p.kind {
	case promptNewTrace, promptDebug, promptChild:
		err = m.startSpan(p.kind, sel, value)
	case promptTag:
		k, v, _ := strings.Cut(value, "=")
		if err = m.session.Tag(sel, strings.TrimSpace(k), strings.TrimSpace(v)); err == nil {
			m.setStatus("Tagged %q with %s=%s.", sel.Name, strings.TrimSpace(k), strings.TrimSpace(v))
		}
	case promptError:
		if err = m.session.Error(sel, value); err == nil {
			m.setStatus("Error on %q: tag error=%s and annotation %s.", sel.Name, value, tracing.ErrorAnnotation(value))
		}
	case promptAnnotate:
		if err = m.session.Annotate(sel, value); err == nil {
			m.setStatus("Annotated %q: %s.", sel.Name, value)
		}
	case promptEndpoint:
		err = m.acceptEndpoint(value)
	case promptSamplerParam:
		err = m.acceptSampler(p.sampler, value)
	case promptContinue:
		var n *tracing.Node
		if n, err = m.session.ContinueTrace(value, ""); err == nil {
			m.tree.Select(n)
			m.setStatus("Continued trace %s as a child of the pasted span.", n.Context.TraceID)
		}
	case promptSave:
		cmd, err = m.saveScenario(value)
	case promptLoad:
		cmd = loadScenarioCmd(strings.TrimSpace(value))
	case promptExport:
		cmd, err = m.export(value)
	}
	if err != nil {
		p.err = m.session.Masker().Mask(err.Error()) // the prompt stays open
		return m, nil
	}
	m.prompt = nil
	return m, tea.Batch(cmd, m.ensureTick())
}

func (m *Model) startSpan(kind promptKind, parent *tracing.Node, name string) error {
	var n *tracing.Node
	var err error
	switch kind {
	case promptNewTrace:
		n, err = m.session.NewTrace(name)
	case promptDebug:
		n, err = m.session.DebugTrace(name)
	default:
		n, err = m.session.Child(parent, name)
	}
	if err != nil {
		return err
	}
	m.tree.Select(n)
	m.focus = focusTree
	switch {
	case n.Shared:
		m.setStatus("Started %q as a SERVER span sharing its client's span ID (zipkin-go shared span). f finishes it.", n.Name)
	case !n.Sampled():
		m.setStatus("Started %q — not sampled: %s.", n.Name, n.SamplerReason)
	default:
		m.setStatus("Started %q — c adds a child, t tags, e errors, f finishes.", n.Name)
	}
	return nil
}

func (m *Model) acceptEndpoint(value string) error {
	value = strings.TrimSpace(value)
	if strings.Contains(value, tracing.MaskText) {
		if value == m.session.Endpoint().Mask(m.session.Config().Endpoint) {
			m.setStatus("Endpoint unchanged.")
			return nil
		}
		return errors.New("the masked part (****) cannot be edited: press esc, v to reveal, then E again — or type the whole URL")
	}
	if err := m.session.SetEndpoint(value); err != nil {
		return err
	}
	ep := m.session.Endpoint()
	m.setStatus("Endpoint: %s.", ep.Display(m.session.Config().RevealSecrets))
	if len(ep.Warnings) > 0 {
		m.status += " Warning: " + strings.Join(ep.Warnings, "; ")
	}
	if m.focus == focusReceived && m.session.Receiver() == nil {
		m.focus = focusTree
	}
	return nil
}

func (m *Model) acceptSampler(kind tracing.SamplerKind, param string) error {
	text := string(kind)
	if p := strings.TrimSpace(param); p != "" {
		text += ":" + p
	}
	spec, err := tracing.ParseSamplerSpec(text)
	if err != nil {
		return err
	}
	if err := m.session.SetSampler(spec); err != nil {
		return err
	}
	m.setStatus("Sampler %s: new traces use it; spans already started keep their decision.", spec)
	return nil
}

// pickerKey handles a key while the sampler list is open.
func (m Model) pickerKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.picker = nil
		m.setStatus("Sampler unchanged.")
	case key.Matches(msg, m.keys.Accept):
		kind := m.picker.Selected()
		m.picker = nil
		if hint := kind.ParamHint(); hint != "" {
			m.openPrompt(promptSamplerParam, fmt.Sprintf("Sampler %s — %s", kind, hint), defaultParam(kind, m.session.Config().Sampler), "", checkSamplerParam(kind))
			m.prompt.sampler = kind
			return m, nil
		}
		if err := m.acceptSampler(kind, ""); err != nil {
			m.setError(err)
		}
	default:
		m.picker.Update(msg)
	}
	return m, nil
}

func defaultParam(kind tracing.SamplerKind, current tracing.SamplerSpec) string {
	if current.Kind == kind {
		_, p, _ := strings.Cut(current.String(), ":")
		return p
	}
	switch kind {
	case tracing.SamplerModulo:
		return "10"
	}
	return "0.5"
}

func (m *Model) saveScenario(path string) (tea.Cmd, error) {
	data, err := tracing.MarshalScenario(m.session.Scenario(strings.TrimSuffix(path, ".json")))
	if err != nil {
		return nil, err
	}
	return writeFileCmd("saved", strings.TrimSpace(path), data, fmt.Sprintf("%d traces", len(m.session.Tree().Roots()))), nil
}

func (m *Model) export(path string) (tea.Cmd, error) {
	path = strings.TrimSpace(path)
	data, err := m.session.ExportJSON()
	if err != nil {
		return nil, err
	}
	m.log.Add(fmt.Sprintf("— export %d spans to %s; post them with:", len(m.session.ReportedSpans()), path))
	m.log.Add(m.session.CurlCommand(path))
	return writeFileCmd("exported", path, data, fmt.Sprintf("%d spans", len(m.session.ReportedSpans()))), nil
}

// fileDone reports a save, export or load.
func (m Model) fileDone(msg fileMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.setError(msg.err)
		return m, nil
	}
	if msg.op != "loaded" {
		m.setStatus("%s %s to %s.", strings.ToUpper(msg.op[:1])+msg.op[1:], msg.detail, msg.path)
		return m, nil
	}
	roots, err := m.session.Replay(msg.scenario)
	if err != nil {
		m.setError(err)
		return m, nil
	}
	if len(roots) > 0 {
		m.tree.Select(roots[0])
	}
	m.setStatus("Opened %s: %d traces with fresh IDs; F flushes them.", msg.path, len(roots))
	return m, m.ensureTick()
}
