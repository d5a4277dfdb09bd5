package desk

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// openMapWith is the map, 80 columns wide, showing links as if the query
// API of kind returned them.
func openMapWith(t *testing.T, kind string, links []receiver.DependencyLink) string {
	t.Helper()
	p := &serviceMap{PaneBase: component.PaneBase{Common: componenttest.NewCommon(t, component.Policy{})}}
	p.SetSize(80, 24)
	p.loaded, p.links, p.kind = true, links, kind
	return p.View()
}

var playgroundCallsPayments = []receiver.DependencyLink{
	{Parent: "gateway", Child: "checkout", CallCount: 1},
	{Parent: "checkout", Child: "payments", CallCount: 1},
	{Parent: "playground", Child: "payments", CallCount: 1},
}

func TestTheMapSaysWhichLinkHasNoArrow(t *testing.T) {
	t.Parallel()
	v := openMapWith(t, verify.QueryKindZipkin, playgroundCallsPayments)
	if !strings.Contains(v, "playground → payments  1 call  (no arrow: it skips a column)") {
		t.Errorf("the playground's call to payments skips checkout's column; the list should say so:\n%s", v)
	}
	if strings.Contains(v, "gateway → checkout  1 call  (no arrow") {
		t.Errorf("gateway → checkout is drawn:\n%s", v)
	}
	if strings.Contains(v, "Jaeger links") {
		t.Errorf("a Zipkin map needs no Jaeger note:\n%s", v)
	}
}

func TestAJaegerMapWarnsOfSharedSpanEdges(t *testing.T) {
	t.Parallel()
	v := openMapWith(t, verify.QueryKindJaeger, playgroundCallsPayments[:2])
	if !strings.Contains(v, "Jaeger links Zipkin's shared spans by arrival order") {
		t.Errorf("a Jaeger map should warn that shared spans make its edges vary:\n%s", v)
	}
}

// TestAttendeeServiceMapDoesNotSendToH: the empty map tells the local
// playground to press H; an attendee's H is off, so the map says so.
func TestAttendeeServiceMapDoesNotSendToH(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p          component.Policy
		want, nope string
	}{
		{component.Policy{}, "H on a running CLIENT span calls the demo shop", "not available here"},
		{componenttest.AttendeePolicy, "not available here (set by the workshop)", "H on a running CLIENT span"},
	} {
		p := &serviceMap{PaneBase: component.PaneBase{Common: componenttest.NewCommon(t, tc.p)}}
		p.SetSize(116, 36)
		p.loaded = true
		v := componenttest.Flat(p.View())
		if !strings.Contains(v, tc.want) || strings.Contains(v, tc.nope) {
			t.Errorf("locked %q: want %q, not %q:\n%s", tc.p.Locked, tc.want, tc.nope, v)
		}
	}
}

// On a projector's 80×24 the map has about 18 rows: with Jaeger's shared-span
// edges the list gives up its last lines, and the note that explains them
// and the keys stay whole.
func TestAShortMapKeepsItsNoteAndKeys(t *testing.T) {
	t.Parallel()
	links := []receiver.DependencyLink{
		{Parent: "gateway", Child: "checkout", CallCount: 3}, {Parent: "gateway", Child: "gateway", CallCount: 1},
		{Parent: "gateway", Child: "inventory", CallCount: 1}, {Parent: "gateway", Child: "payments", CallCount: 1},
		{Parent: "playground", Child: "playground", CallCount: 1}, {Parent: "playground", Child: "gateway", CallCount: 1},
	}
	p := &serviceMap{PaneBase: component.PaneBase{Common: componenttest.NewCommon(t, component.Policy{})}}
	p.SetSize(80, 18)
	p.loaded, p.links, p.kind = true, links, verify.QueryKindJaeger
	v := p.View()
	lines := strings.Split(v, "\n")
	if len(lines) > 18 {
		t.Errorf("%d lines in 18 rows:\n%s", len(lines), v)
	}
	flat := componenttest.Flat(v)
	for _, want := range []string{jaegerSharedNote, "esc/M closes", "more links (a taller terminal shows them)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the map at 80×18 lacks %q:\n%s", want, v)
		}
	}
}
