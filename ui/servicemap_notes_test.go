package ui

import (
	"strings"
	"testing"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
	"zipkin-playground/ui/component"
)

// openMapWith opens M and shows links as if the query API of kind returned them.
func openMapWith(t *testing.T, kind string, links []receiver.DependencyLink) string {
	t.Helper()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "M")
	p, ok := m.dialog.(*component.ServiceMap)
	if !ok {
		t.Fatalf("M opened %T", m.dialog)
	}
	p.Loaded, p.Links, p.Kind = true, links, kind
	return m.View()
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
