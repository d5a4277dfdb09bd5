package tracing

import (
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// What x exports (a Zipkin v2 JSON span list) opens again as a scenario: the
// same tree, kinds, shared SERVER span, tags and annotations, fresh IDs.
func TestExportedSpanListOpensAsAScenario(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	kind := func(k model.Kind) *model.Kind { return &k }
	root, _ := s.Start(nil, SpanOptions{Name: "checkout"})
	client, _ := s.Start(root, SpanOptions{Name: "charge", Kind: kind(model.Client)})
	server, err := s.Start(client, SpanOptions{Name: "charge", Kind: kind(model.Server)})
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := s.Start(server, SpanOptions{Name: "validate"})
	if err := s.Tag(leaf, "card.type", "visa"); err != nil {
		t.Fatal(err)
	}
	if err := s.Error(leaf, "card declined"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*Node{leaf, server, client, root} {
		if err := s.Finish(n); err != nil {
			t.Fatal(err)
		}
	}
	data, err := s.ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ParseScenario(data)
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	again := newTestSession(t, "always")
	roots, err := again.Replay(sc)
	if err != nil || len(roots) != 1 {
		t.Fatalf("replay: %d roots, %v", len(roots), err)
	}
	nodes := again.Tree().Nodes()
	want := []struct {
		name   string
		kind   model.Kind
		depth  int
		shared bool
	}{{"checkout", "", 0, false}, {"charge", model.Client, 1, false}, {"charge", model.Server, 2, true}, {"validate", "", 3, false}}
	if len(nodes) != len(want) {
		t.Fatalf("want %d spans, have %d", len(want), len(nodes))
	}
	for i, w := range want {
		n := nodes[i]
		if n.Name != w.name || n.Kind != w.kind || n.Depth != w.depth || n.Key.Shared != w.shared {
			t.Errorf("span %d: want %+v, have %q %q depth %d shared %v", i, w, n.Name, n.Kind, n.Depth, n.Key.Shared)
		}
	}
	got := nodes[3]
	if got.Tags["card.type"] != "visa" || got.Tags["error"] != "card declined" || len(got.Annotations) != 1 {
		t.Errorf("leaf: tags %v, annotations %v", got.Tags, got.Annotations)
	}
	if got.Context.TraceID == leaf.Context.TraceID {
		t.Error("a replay has fresh IDs")
	}
}
