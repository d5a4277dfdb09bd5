package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/desk"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"
)

// settingsActions are the keys that change the screen or the session's
// settings, and leave: b, tab, E, S, v, ?, q, ctrl+c.
func settingsActions(k *component.KeyMap) []action {
	return []action{
		{&k.B3, nil, with(headersOf, (*pane.Headers).Cycle)},
		{&k.Tab, nil, with(focusOf, pane.FocusCycle.Next)},
		{&k.Endpoint, nil, with(endpointOf, dialog.EndpointEditor.Edit)},
		{&k.Sampler, nil, opens(dialog.NewSamplerPicker)},
		{&k.Reveal, hasSecrets, with(commonOf, (*component.Common).ToggleReveal)},
		{&k.Help, nil, with(helpOf, (*pane.Help).Open)},
		{&k.Quit, nil, with(quitterOf, (*desk.Quitter).Quit)},
		{&k.Interrupt, nil, with(quitterOf, (*desk.Quitter).Interrupt)},
	}
}

func hasSecrets(m *Model) string {
	if m.common.Session.Endpoint().HasSecrets() || len(m.common.Session.Config().Headers) > 0 || m.log.HidesASecret() {
		return ""
	}
	return "no secrets to hide: the endpoint has no token and no header values are set"
}
