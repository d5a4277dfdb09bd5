package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"
)

func TestANarrowReceivedPaneNamesEachShopSpanByItsService(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	m, _ = press(t, m, "f")
	m = settle(t, m, startFlush(t.Context(), m.session.Outbox(), 0, m.session.Endpoint()))
	m.shop.stop()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.received.refresh()
	m, _ = press(t, m, "tab") // the Received pane, as a person reaches it
	if m.screen.focusedPane() != component(m.received) {
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

func TestANarrowRowOfOneServiceKeepsTheSpansName(t *testing.T) {
	t.Parallel()
	one := &recvTrace{services: 1}
	s := model.SpanModel{Name: "checkout", LocalEndpoint: &model.Endpoint{ServiceName: "playground"}}
	if have := narrowName(one, s, " ", " checkout"); have != " checkout" {
		t.Errorf("one service: the row keeps the span's name, have %q", have)
	}
}
