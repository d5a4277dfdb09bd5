package desk

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
)

// openedMap is a shop whose map M opened: the dialog slot holds what the
// shop asked the root to open, as the root would put it there.
func openedMap(t *testing.T) (*Shop, *component.Dialog) {
	t.Helper()
	c := componenttest.NewCommon(t, component.Policy{})
	slot := new(component.Dialog)
	d := NewShop(c, func() *tracing.Node { return nil }, nil, func() component.Dialog { return *slot })
	d.OpenMap()
	for _, r := range c.Requests {
		if o, ok := r.(component.OpenDialogMsg); ok {
			*slot = o.D
		}
	}
	if *slot == nil {
		t.Fatalf("M opened nothing: %+v", c.Requests)
	}
	return d, slot
}

// The open map reads the graph again after each read and each tick; once
// it has left the slot, a late tick reads nothing.
func TestServiceMapIsReadAgainWhileOpenOnly(t *testing.T) {
	t.Parallel()
	d, slot := openedMap(t)
	gen := d.mapGen
	if d.Update(ServiceMapMsg{gen: gen}) == nil {
		t.Error("an open map should ask again")
	}
	if d.Update(serviceMapTickMsg{gen: gen}) == nil {
		t.Error("a tick on the open map should read the graph again")
	}
	*slot = nil // M again: the root closes the map
	if d.Update(serviceMapTickMsg{gen: gen}) != nil {
		t.Error("a tick after the map closed should read nothing")
	}
}

// A read that comes back after esc closed the map changes nothing and asks
// for nothing.
func TestServiceMapReadAfterCloseIsDropped(t *testing.T) {
	t.Parallel()
	d, slot := openedMap(t)
	p := *slot
	p.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if !p.Closed() {
		t.Fatal("esc should close the map")
	}
	if cmd := d.Update(ServiceMapMsg{gen: d.mapGen, links: []receiver.DependencyLink{{Parent: "a", Child: "b", CallCount: 1}}}); cmd != nil {
		t.Error("a read after the map closed should not ask again")
	}
	if v := p.View(); strings.Contains(v, "a → b") {
		t.Errorf("a read after the map closed was drawn:\n%s", v)
	}
}
