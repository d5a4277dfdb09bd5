package receiver

import (
	"hash/maphash"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/testkit"
)

// The compact store serves each span byte for byte as its model span was
// served, and gives back a model span that serves the same bytes.
func TestStoredSpanServesTheSameJSON(t *testing.T) {
	t.Parallel()
	var in interner
	seed := maphash.MakeSeed()
	for i, s := range testkit.EveryFieldSpans() {
		normalizeSpan(&s)
		want, err := appendSpanJSON(nil, s)
		if err != nil {
			t.Fatal(err)
		}
		c := in.compact(&s, seed)
		if got := appendStoredJSON(nil, s.TraceID, &c); string(got) != string(want) {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
		back, err := appendSpanJSON(nil, c.model(s.TraceID))
		if err != nil || string(back) != string(want) {
			t.Errorf("case %d as a model:\n got %s\nwant %s", i, back, want)
		}
	}
}

// Spans that differ in any served field are different; the same content is
// the same, whatever its map order.
func TestStoredSpanHashSeesEveryField(t *testing.T) {
	t.Parallel()
	var in interner
	seed := maphash.MakeSeed()
	base := testkit.EveryFieldSpans()[0]
	h := func(s model.SpanModel) uint64 { c := in.compact(&s, seed); return c.hash }
	same := base
	same.Tags = map[string]string{"http.path": "/a?b=<c>&d", "a": "first", "z": "last"}
	if h(same) != h(base) {
		t.Error("the same span hashed differently")
	}
	changes := []func(*model.SpanModel){
		func(s *model.SpanModel) { s.Name = "other" },
		func(s *model.SpanModel) { s.Duration++; s.Duration += time.Microsecond },
		func(s *model.SpanModel) { s.Shared = false },
		func(s *model.SpanModel) { s.Kind = model.Client },
		func(s *model.SpanModel) { s.Tags = map[string]string{"a": "first", "z": "last"} },
		func(s *model.SpanModel) { s.Annotations = s.Annotations[:1] },
		func(s *model.SpanModel) { s.RemoteEndpoint = &model.Endpoint{ServiceName: "backend", Port: 9001} },
	}
	for i, change := range changes {
		s := base
		change(&s)
		if h(s) == h(base) {
			t.Errorf("change %d: same hash", i)
		}
	}
}
