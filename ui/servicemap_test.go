package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing/shop"
	"zipkin-playground/ui/component"
)

func TestServiceMapBeforeAnyCallSaysHowToMakeOne(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, cmd := press(t, m, "M")
	m, _ = runShop(t, m, cmd)
	v := m.View()
	if !strings.Contains(v, "No calls between services yet") {
		t.Errorf("an empty map should say what draws it:\n%s", v)
	}
	if lines := strings.Split(v, "\n"); !strings.Contains(lines[len(lines)-1], "esc/M close") {
		t.Errorf("the bottom line should say esc or M closes the map, as the map does: %q", lines[len(lines)-1])
	}
}

func TestServiceMapDrawsTheShopWithErrorsAt80x24(t *testing.T) {
	t.Parallel()
	m := clientModel(t)
	m, _ = callGateway(t, m)
	if err := m.shop.Running.SetKnobs("payments", shop.Knobs{ErrorRate: 1}); err != nil {
		t.Fatal(err)
	}
	m, _ = callGateway(t, m)
	m, _ = press(t, m, "f") // the playground's CLIENT span is the first arrow's caller
	m = settle(t, m, component.StartFlush(t.Context(), m.common.Session.Outbox(), 0, m.common.Session.Endpoint()))
	m.shop.Stop() // every service's spans are in the receiver now
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := press(t, m, "M")
	m, _ = runShop(t, m, cmd)
	v := m.View()
	for _, want := range []string{"│playground├", "▶│gateway├", "▶│checkout├", "│payments │", "│inventory│",
		"✗ 1 error",
		// Both calls came from one CLIENT span (error=502 from the second):
		// Zipkin's linker counts one span ID once.
		"playground → gateway  1 call  ✗ 1 error", "checkout → payments  2 calls  ✗ 1 error", "gateway → checkout  2 calls  ✗ 1 error"} {
		if !strings.Contains(v, want) {
			t.Errorf("the map at 80×24 lacks %q:\n%s", want, v)
		}
	}
	for i, l := range strings.Split(v, "\n") {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("line %d is %d columns wide", i, w)
		}
	}
	m, _ = press(t, m, "esc")
	if m.dialog != nil {
		t.Fatal("esc should close the map")
	}
}

// M opens the map and M again closes it (that the open map reads again and
// a closed one does not is desk's own test).
func TestServiceMapMTogglesTheMap(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, cmd := press(t, m, "M")
	if m.dialog == nil || cmd == nil {
		t.Fatalf("M should open the map and read the graph: dialog %T, status %q", m.dialog, m.status)
	}
	m, _ = press(t, m, "M")
	if m.dialog != nil {
		t.Fatal("M again should close the map")
	}
}
