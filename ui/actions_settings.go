package ui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// settingsActions are the keys that change the screen or the session's
// settings, and leave: b, tab, E, S, v, ?, q, ctrl+c.
func settingsActions(k *KeyMap) []action {
	return []action{
		{&k.B3, nil, (*Model).cycleB3},
		{&k.Tab, nil, (*Model).cycleFocus},
		{&k.Endpoint, nil, (*Model).editEndpoint},
		{&k.Sampler, nil, (*Model).pickSampler},
		{&k.Reveal, hasSecrets, (*Model).toggleReveal},
		{&k.Help, nil, (*Model).showHelp},
		{&k.Quit, nil, (*Model).quit},
		{&k.Interrupt, nil, (*Model).interrupt},
	}
}

func hasSecrets(m *Model) string {
	if m.session.Endpoint().HasSecrets() || len(m.session.Config().Headers) > 0 || m.log.hidden {
		return ""
	}
	return "no secrets to hide: the endpoint has no token and no header values are set"
}

func (m *Model) cycleB3() tea.Cmd {
	m.headers.Next()
	m.setStatus("B3 view: %s.", m.headers.format)
	return nil
}

func (m *Model) showHelp() tea.Cmd {
	m.mode, m.helpView.scroll = modeHelp, 0
	return nil
}

func (m *Model) cycleFocus() tea.Cmd {
	ring := m.focusRing()
	cur := m.focusedPane()
	for i, stop := range ring {
		if stop.c == cur {
			next := ring[(i+1)%len(ring)]
			m.focus(next.c)
			m.setStatus("Focus: %s.", next.name)
			break
		}
	}
	return nil
}

func (m *Model) toggleReveal() tea.Cmd {
	m.reveal = !m.reveal
	if m.reveal {
		m.setStatus("Secrets revealed — press v again before you share the screen.")
	} else {
		m.setStatus("Secrets masked.")
	}
	return nil
}

// quit leaves at once when nothing would be lost, else asks. A running
// flush never holds the exit up: leaving cancels it.
func (m *Model) quit() tea.Cmd {
	n := m.undelivered()
	if n == 0 {
		return m.exit()
	}
	q := fmt.Sprintf("%s not delivered — quit anyway? (y/n)", plural(n, "span"))
	m.setStatus("%s", q)
	m.openDialog(&confirm{paneBase: paneBase{common: m.common}, question: q, interruptOK: true,
		yes: m.exit,
		no: func() tea.Cmd {
			m.setStatus("Not quitting. F flushes what is queued.")
			return nil
		}}, modeConfirmQuit)
	return nil
}

// interrupt is ctrl+c in browse: it cancels a running flush, then quits
// like q (asking when spans are undelivered).
func (m *Model) interrupt() tea.Cmd {
	m.log.Cancel()
	return m.quit()
}

func (m *Model) exit() tea.Cmd {
	m.log.Cancel()
	m.quitting = true
	return tea.Quit
}

// editEndpoint opens the endpoint prompt, the current value masked unless
// revealed. Switching to local starts the embedded receiver in a command.
func (m *Model) editEndpoint() tea.Cmd {
	// The prompt holds the endpoint as it is and shows it masked unless
	// revealed, as it shows what is typed: enter keeps it, and editing the
	// host keeps the token.
	current := m.session.Config().Endpoint
	if secret.IsLocalSpec(current) {
		current = "local"
	}
	return m.openPrompt(promptSpec{
		title: "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local",
		value: current, placeholder: "local", check: checkEndpoint, accept: m.acceptEndpoint,
		display: m.maskTyped,
	})
}

// maskTyped is a URL being typed as the screen shows it: the parts that are
// recognised as secrets (userinfo, query values, the path before /api/, a
// token-looking segment) masked unless revealed.
func (m *Model) maskTyped(s string) string {
	if m.reveal {
		return s
	}
	return secret.MaskURL(s)
}

func (m *Model) acceptEndpoint(value string) (tea.Cmd, error) {
	value = strings.TrimSpace(value)
	if strings.Contains(value, secret.MaskText) {
		if value == m.session.Endpoint().Mask(m.session.Config().Endpoint) {
			m.setStatus("Endpoint unchanged.")
			return nil, nil
		}
		return nil, errors.New("the masked part (****) cannot be edited: press esc, v to reveal, then E again — or type the whole URL")
	}
	if secret.IsLocalSpec(value) && m.session.Receiver() == nil {
		m.setStatus("Starting the embedded receiver…")
		return startReceiver(m.session.Config()), nil
	}
	if err := m.session.SetEndpoint(value); err != nil {
		if enc := m.session.Outbox().Encoding(); tracing.IsV1Path(value) && enc != outbox.EncodingV1 {
			// Two settings change together, one at a time: say in which order.
			return nil, fmt.Errorf("%w — two steps: esc, O and set the encoding to v1 first, then E this URL again", err)
		}
		return nil, err
	}
	m.endpointChanged()
	return nil, nil
}

// receiverStarted adopts the receiver a command started, points the outbox
// at it and arms its update stream (the Received pane follows from now).
func (m *Model) receiverStarted(msg receiverStartedMsg) tea.Cmd {
	if msg.err != nil {
		m.setError(fmt.Errorf("the embedded receiver did not start: %w", msg.err))
		return nil
	}
	if err := m.session.UseReceiver(msg.receiver); err != nil {
		m.setError(err)
		return nil
	}
	m.received.refresh()
	m.endpointChanged()
	return waitReceived(m.session.Receiver())
}

func (m *Model) endpointChanged() {
	ep := m.session.Endpoint()
	m.setStatus("Endpoint: %s.", ep.Display(m.reveal))
	if len(ep.Warnings) > 0 {
		m.status += " Warning: " + strings.Join(ep.Warnings, "; ")
	}
	m.status += receiverNotes(m.session)
}

// receiverNotes is what the embedded receiver says about where it listens
// (the default port was taken; reachable beyond loopback), for the status.
func receiverNotes(s *tracing.Session) string {
	r := s.Receiver()
	if r == nil || !s.Endpoint().Local {
		return ""
	}
	var out string
	for _, note := range []string{r.Moved, r.Warning} {
		if note != "" {
			out += " Note: " + note + "."
		}
	}
	return out
}

func (m *Model) pickSampler() tea.Cmd {
	m.openDialog(newSamplerPicker(m.common, m.session.Config().Sampler.Kind, m.samplerChosen,
		func() { m.setStatus("Sampler unchanged.") }), modeDialog)
	return nil
}

// samplerChosen sets a sampler without parameter, or asks for it.
func (m *Model) samplerChosen(kind tracing.SamplerKind) tea.Cmd {
	hint := kind.ParamHint()
	if hint == "" {
		if err := m.setSampler(kind, ""); err != nil {
			m.setError(err)
		}
		return nil
	}
	// The default is a placeholder, not text typing would append to: enter
	// on an empty prompt takes it.
	def := defaultParam(kind, m.session.Config().Sampler)
	orDefault := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return def
		}
		return s
	}
	check := checkSamplerParam(kind)
	return m.openPrompt(promptSpec{
		title:       fmt.Sprintf("Sampler %s — %s (enter alone: %s)", kind, hint, def),
		placeholder: def,
		check:       func(s string) (string, string) { return check(orDefault(s)) },
		accept:      func(param string) (tea.Cmd, error) { return nil, m.setSampler(kind, orDefault(param)) },
	})
}

func (m *Model) setSampler(kind tracing.SamplerKind, param string) error {
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

func defaultParam(kind tracing.SamplerKind, current tracing.SamplerSpec) string {
	if current.Kind == kind {
		_, p, _ := strings.Cut(current.String(), ":")
		return p
	}
	if kind == tracing.SamplerModulo {
		return "10"
	}
	return "0.5"
}
