package pane

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// RemoteEndpoint asks for the other side of the selected running span.
func (t *Tree) RemoteEndpoint() tea.Cmd {
	n := t.Selected()
	value := ""
	if e := n.RemoteEndpoint; e != nil {
		value = strings.TrimSpace(endpointText(e))
	}
	return t.Ask(component.PromptSpec{
		Title:       "Remote endpoint of " + component.Quoted(n.Name) + " — the other side of the call: service [ip[:port]]",
		Value:       value,
		Placeholder: "payments 10.0.0.7:8080",
		Check:       checkRemote,
		Accept: func(text string) (tea.Cmd, error) {
			service, hostPort, err := splitRemote(text)
			if err != nil {
				return nil, err
			}
			if err := t.Session.SetRemoteEndpoint(n, service, hostPort); err != nil {
				return nil, err
			}
			t.Say("Remote endpoint of %q: %s — sent as remoteEndpoint.", n.Name, endpointText(n.RemoteEndpoint))
			return nil, nil
		},
	})
}

// splitRemote reads "service [ip[:port]]".
func splitRemote(text string) (service, hostPort string, err error) {
	f := strings.Fields(text)
	switch len(f) {
	case 0:
		return "", "", tracing.ErrNoRemoteService
	case 1:
		return f[0], "", nil
	case 2:
		return f[0], f[1], nil
	}
	return "", "", fmt.Errorf("remote endpoint: one service name (no spaces), then optionally ip or ip:port")
}

func checkRemote(s string) (string, string) {
	service, hostPort, err := splitRemote(s)
	if err != nil {
		return "", err.Error()
	}
	ep, err := tracing.NewRemoteEndpoint(service, hostPort)
	if err != nil {
		return "", err.Error()
	}
	return "remoteEndpoint: " + endpointText(ep), ""
}
