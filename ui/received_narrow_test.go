package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"
)

func TestANarrowReceivedPaneNamesEachShopSpanByItsService(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	m, _ = press(t, m, "f")
	m = settle(t, m, component.StartFlush(t.Context(), m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	m.shop.Stop()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(pane.ReceivedLayoutMsg{})
	m, _ = press(t, m, "tab") // the Received pane, as a person reaches it
	if m.screen.focusedPane() != component.Component(m.received) {
		t.Fatal("tab should focus the Received pane")
	}
	v := m.View()
	m, _ = press(t, m, "j", "j", "j", "j")
	v += m.View()
	for _, want := range []string{"gateway [SERVER]", "gateway [CLIENT]", "checkout [SERVER]"} {
		if !strings.Contains(v, want) {
			t.Errorf("at 80×24 each row of the shop's trace should name its service (%q):\n%s", want, v)
		}
	}
}
