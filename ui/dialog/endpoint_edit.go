package dialog

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// EndpointEditor is E: the endpoint prompt, which keeps the secrets it
// shows masked, and what a new endpoint says.
type EndpointEditor struct{ *component.Common }

// Edit is E: it opens the endpoint prompt, the current value masked unless
// revealed. Switching to local starts the embedded receiver in a command.
func (e EndpointEditor) Edit() tea.Cmd {
	// The prompt holds the endpoint as it is and shows it masked unless
	// revealed, as it shows what is typed: enter keeps it, and editing the
	// host keeps the token.
	current := e.Session.Config().Endpoint
	if secret.IsLocalSpec(current) {
		current = "local"
	}
	if hidden := e.Session.Endpoint().Hidden(); len(hidden) > 0 && !e.Reveal {
		return e.replaceMasked(hidden)
	}
	return e.Ask(component.PromptSpec{
		Title: "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local",
		Value: current, Placeholder: "local", Check: component.CheckEndpoint, Accept: e.accept,
		Display: e.maskTyped,
	})
}

// replaceMasked is E on an endpoint whose secrets are masked: edited in
// place, the text under **** would change unseen. The prompt starts empty,
// shows the masked URL where the text goes and says what is hidden and how
// to edit it in the clear; what is typed replaces the endpoint, enter alone
// keeps it.
func (e EndpointEditor) replaceMasked(hidden []string) tea.Cmd {
	masked := e.Session.Endpoint().Display(false)
	verb := "is"
	if len(hidden) > 1 {
		verb = "are"
	}
	keep := fmt.Sprintf("now %s: %s %s hidden (%s, %s, %s edits it in the clear). Type a URL to replace it; %s alone keeps it.",
		masked, strings.Join(hidden, " and "), verb, component.KeyName(e.Keys.Cancel), component.KeyName(e.Keys.Reveal), component.KeyName(e.Keys.Endpoint), component.KeyName(e.Keys.Accept))
	return e.Ask(component.PromptSpec{
		Title:       "Endpoint — a Zipkin URL such as http://host:9411/api/v2/spans, or local",
		Placeholder: masked, OwnsEmpty: true, Accept: e.accept, Display: e.maskTyped,
		Check: func(s string) (string, string) {
			if strings.TrimSpace(s) == "" {
				return keep, ""
			}
			note, err := component.CheckEndpoint(s)
			return strings.TrimPrefix(note+"; replaces "+masked, "; "), err
		},
	})
}

// maskTyped is a URL being typed as the screen shows it: the parts that are
// recognised as secrets (userinfo, query values, the path before /api/, a
// token-looking segment) masked unless revealed.
func (e EndpointEditor) maskTyped(s string) string {
	if e.Reveal {
		return s
	}
	return secret.MaskURL(s)
}

func (e EndpointEditor) accept(value string) (tea.Cmd, error) {
	value = strings.TrimSpace(value)
	if value == "" { // enter alone on a masked endpoint keeps it
		e.Say("Endpoint unchanged.")
		return nil, nil
	}
	if strings.Contains(value, secret.MaskText) {
		if value == e.Session.Endpoint().Mask(e.Session.Config().Endpoint) {
			e.Say("Endpoint unchanged.")
			return nil, nil
		}
		return nil, fmt.Errorf("the masked part (****) cannot be edited: press %s, %s to reveal, then %s again — or type the whole URL", component.KeyName(e.Keys.Cancel), component.KeyName(e.Keys.Reveal), component.KeyName(e.Keys.Endpoint))
	}
	if secret.IsLocalSpec(value) && e.Session.Receiver() == nil {
		e.Say("Starting the embedded receiver…")
		return component.StartReceiver(e.Session.Config()), nil
	}
	if err := e.Session.SetEndpoint(value); err != nil {
		if path, enc := tracing.SpansPath(value), e.Session.Outbox().Encoding(); path != "" && !enc.Codec().Accepts(path) {
			// Two settings change together, one at a time: say in which order.
			return nil, fmt.Errorf("%w — two steps: %s, %s and set the encoding to %s first, then %s this URL again",
				err, component.KeyName(e.Keys.Cancel), component.KeyName(e.Keys.Options), wire.ForPath(path)[0].Name, component.KeyName(e.Keys.Endpoint))
		}
		return nil, err
	}
	e.Changed()
	return nil, nil
}

// Changed says where spans go now, with the endpoint's warnings and the
// receiver's notes.
func (e EndpointEditor) Changed() {
	ep := e.Session.Endpoint()
	text := "Endpoint: " + ep.Display(e.Reveal) + "."
	if len(ep.Warnings) > 0 {
		text += " Warning: " + strings.Join(ep.Warnings, "; ")
	}
	e.Send(component.StatusMsg{Text: text + component.ReceiverNotes(e.Session)})
}
