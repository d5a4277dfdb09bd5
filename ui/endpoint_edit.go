package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// endpointEditor is E: the endpoint prompt, which keeps the secrets it
// shows masked, and what a new endpoint says.
type endpointEditor struct{ *common }

// endpointOf is the endpoint editor, for the action that opens it.
func endpointOf(m *Model) endpointEditor { return endpointEditor{m.common} }

// edit is E: it opens the endpoint prompt, the current value masked unless
// revealed. Switching to local starts the embedded receiver in a command.
func (e endpointEditor) edit() tea.Cmd {
	// The prompt holds the endpoint as it is and shows it masked unless
	// revealed, as it shows what is typed: enter keeps it, and editing the
	// host keeps the token.
	current := e.session.Config().Endpoint
	if secret.IsLocalSpec(current) {
		current = "local"
	}
	if hidden := e.session.Endpoint().Hidden(); len(hidden) > 0 && !e.reveal {
		return e.replaceMasked(hidden)
	}
	return e.ask(promptSpec{
		title: "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local",
		value: current, placeholder: "local", check: checkEndpoint, accept: e.accept,
		display: e.maskTyped,
	})
}

// replaceMasked is E on an endpoint whose secrets are masked: edited in
// place, the text under **** would change unseen. The prompt starts empty,
// shows the masked URL where the text goes and says what is hidden and how
// to edit it in the clear; what is typed replaces the endpoint, enter alone
// keeps it.
func (e endpointEditor) replaceMasked(hidden []string) tea.Cmd {
	masked := e.session.Endpoint().Display(false)
	verb := "is"
	if len(hidden) > 1 {
		verb = "are"
	}
	keep := fmt.Sprintf("now %s: %s %s hidden (%s, %s, %s edits it in the clear). Type a URL to replace it; %s alone keeps it.",
		masked, strings.Join(hidden, " and "), verb, keyName(e.keys.Cancel), keyName(e.keys.Reveal), keyName(e.keys.Endpoint), keyName(e.keys.Accept))
	return e.ask(promptSpec{
		title:       "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local",
		placeholder: masked, ownsEmpty: true, accept: e.accept, display: e.maskTyped,
		check: func(s string) (string, string) {
			if strings.TrimSpace(s) == "" {
				return keep, ""
			}
			note, err := checkEndpoint(s)
			return strings.TrimPrefix(note+"; replaces "+masked, "; "), err
		},
	})
}

// maskTyped is a URL being typed as the screen shows it: the parts that are
// recognised as secrets (userinfo, query values, the path before /api/, a
// token-looking segment) masked unless revealed.
func (e endpointEditor) maskTyped(s string) string {
	if e.reveal {
		return s
	}
	return secret.MaskURL(s)
}

func (e endpointEditor) accept(value string) (tea.Cmd, error) {
	value = strings.TrimSpace(value)
	if value == "" { // enter alone on a masked endpoint keeps it
		e.say("Endpoint unchanged.")
		return nil, nil
	}
	if strings.Contains(value, secret.MaskText) {
		if value == e.session.Endpoint().Mask(e.session.Config().Endpoint) {
			e.say("Endpoint unchanged.")
			return nil, nil
		}
		return nil, fmt.Errorf("the masked part (****) cannot be edited: press %s, %s to reveal, then %s again — or type the whole URL", keyName(e.keys.Cancel), keyName(e.keys.Reveal), keyName(e.keys.Endpoint))
	}
	if secret.IsLocalSpec(value) && e.session.Receiver() == nil {
		e.say("Starting the embedded receiver…")
		return startReceiver(e.session.Config()), nil
	}
	if err := e.session.SetEndpoint(value); err != nil {
		if path, enc := tracing.SpansPath(value), e.session.Outbox().Encoding(); path != "" && !enc.Codec().Accepts(path) {
			// Two settings change together, one at a time: say in which order.
			return nil, fmt.Errorf("%w — two steps: %s, %s and set the encoding to %s first, then %s this URL again",
				err, keyName(e.keys.Cancel), keyName(e.keys.Options), wire.ForPath(path)[0].Name, keyName(e.keys.Endpoint))
		}
		return nil, err
	}
	e.changed()
	return nil, nil
}

// changed says where spans go now, with the endpoint's warnings and the
// receiver's notes.
func (e endpointEditor) changed() {
	ep := e.session.Endpoint()
	text := "Endpoint: " + ep.Display(e.reveal) + "."
	if len(ep.Warnings) > 0 {
		text += " Warning: " + strings.Join(ep.Warnings, "; ")
	}
	e.send(statusMsg{text: text + receiverNotes(e.session)})
}
