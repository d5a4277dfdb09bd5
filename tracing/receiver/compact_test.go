package receiver

import (
	"hash/maphash"
	"net"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// compactCases are spans with every field the receiver serves, and strings
// encoding/json escapes its own way.
func compactCases() []model.SpanModel {
	parent := model.ID(0x0102030405060708)
	ts := time.Date(2026, 12, 6, 17, 0, 0, 123_456_789, time.UTC)
	full := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{High: 0xabc, Low: 0xdef}, ID: 0xfedcba9876543210, ParentID: &parent, Debug: true},
		Name:        "get /items", Kind: model.Server, Timestamp: ts, Duration: 1500 * time.Nanosecond, Shared: true,
		LocalEndpoint:  &model.Endpoint{ServiceName: "frontend", IPv4: net.ParseIP("10.0.0.1"), IPv6: net.ParseIP("2001:db8::1"), Port: 8080},
		RemoteEndpoint: &model.Endpoint{ServiceName: "backend", Port: 9000},
		Annotations:    []model.Annotation{{Timestamp: ts, Value: "ws"}, {Timestamp: ts.Add(time.Millisecond), Value: "wr"}},
		Tags:           map[string]string{"z": "last", "a": "first", "http.path": "/a?b=<c>&d"},
	}
	odd := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2},
		Name:        "quote\" back\\slash \x1b[2j tab\t nl\n \u2028 é \xff",
		Kind:        model.Producer,
		Tags:        map[string]string{"ctl\x01": "\x7f\u0085", "": ""},
		Annotations: []model.Annotation{{Value: "no time"}},
	}
	bare := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 5}, ID: 6}}
	consumer := bare
	consumer.Kind, consumer.Duration = model.Consumer, 3*time.Second
	consumer.LocalEndpoint = &model.Endpoint{IPv4: net.IPv4(127, 0, 0, 1).To4()}
	return []model.SpanModel{full, odd, bare, consumer}
}

// The compact store serves each span byte for byte as its model span was
// served, and gives back a model span that serves the same bytes.
func TestStoredSpanServesTheSameJSON(t *testing.T) {
	t.Parallel()
	var in interner
	seed := maphash.MakeSeed()
	for i, s := range compactCases() {
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
	base := compactCases()[0]
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
