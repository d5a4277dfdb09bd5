package ui

import (
	"zipkin-playground/ui/component"
)

// settingsActions are the keys that change the screen or the session's
// settings, and leave: b, tab, E, S, v, ?, q, ctrl+c.
func settingsActions(k *component.KeyMap) []action {
	return []action{
		{&k.B3, nil, with(headersOf, (*component.HeadersPane).Cycle)},
		{&k.Tab, nil, with(focusOf, component.FocusCycle.Next)},
		{&k.Endpoint, nil, with(endpointOf, component.EndpointEditor.Edit)},
		{&k.Sampler, nil, opens(component.NewSamplerPicker)},
		{&k.Reveal, hasSecrets, with(commonOf, (*component.Common).ToggleReveal)},
		{&k.Help, nil, with(helpOf, (*component.HelpPane).Open)},
		{&k.Quit, nil, with(quitterOf, (*component.Quitter).Quit)},
		{&k.Interrupt, nil, with(quitterOf, (*component.Quitter).Interrupt)},
	}
}

func hasSecrets(m *Model) string {
	if m.common.Session.Endpoint().HasSecrets() || len(m.common.Session.Config().Headers) > 0 || m.log.HidesASecret() {
		return ""
	}
	return "no secrets to hide: the endpoint has no token and no header values are set"
}
