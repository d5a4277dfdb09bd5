package encode

import (
	"net"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// modelJSONCases are spans of every shape appendModelJSON writes itself.
func modelJSONCases() []model.SpanModel {
	parent, zero := model.ID(7), model.ID(0)
	at := time.Unix(1700000000, 123456789)
	full := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{High: 1, Low: 2}, ID: 3, ParentID: &parent, Debug: true},
		Name:        "GET /a<b>&c\u2028d É", Kind: model.Server, Shared: true, Timestamp: at, Duration: 1500,
		LocalEndpoint:  &model.Endpoint{ServiceName: "Svc\x01\xff", IPv4: net.ParseIP("10.0.0.1"), IPv6: net.ParseIP("2001:db8::1"), Port: 80},
		RemoteEndpoint: &model.Endpoint{},
		Tags:           map[string]string{"<script>": "a&b", "z": "\"quoted\"\n\t\\", "error": "", "": "empty key", "b": "\x7f"},
		Annotations:    []model.Annotation{{Timestamp: at.Add(499 * time.Nanosecond), Value: "</html>"}, {Timestamp: at, Value: ""}},
	}
	subMicro := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 9}, ID: 1, ParentID: &zero}, Duration: 1}
	rounding := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 9}, ID: 2}, Timestamp: at.Add(500 * time.Nanosecond), Duration: 2499 * time.Nanosecond,
		RemoteEndpoint: &model.Endpoint{IPv4: net.IPv4(1, 2, 3, 4).To4(), Port: 65535}}
	bare := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 1}}
	manyTags := bare
	manyTags.Tags = map[string]string{}
	for _, k := range []string{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "a", "s", "d", "f", "g", "h", "j", "k", "l", "z"} {
		manyTags.Tags[k] = k + k
	}
	return []model.SpanModel{full, subMicro, rounding, bare, manyTags}
}

// appendModelJSON writes SpanModel.MarshalJSON's bytes, and writes them
// itself for every usual shape.
func TestAppendModelJSONIsMarshalJSON(t *testing.T) {
	t.Parallel()
	for i, s := range modelJSONCases() {
		want, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendModelJSON(nil, &s)
		if !ok || string(got) != string(want) {
			t.Errorf("case %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
	}
}

// The shapes left to MarshalJSON: it refuses them, or prints them its way.
func TestAppendModelJSONLeavesRareShapes(t *testing.T) {
	t.Parallel()
	base := modelJSONCases()[3]
	for name, change := range map[string]func(*model.SpanModel){
		"before the epoch":        func(s *model.SpanModel) { s.Timestamp = time.Unix(0, 0) },
		"negative duration":       func(s *model.SpanModel) { s.Duration = -1 },
		"annotation without time": func(s *model.SpanModel) { s.Annotations = []model.Annotation{{Value: "x"}} },
		"odd IP":                  func(s *model.SpanModel) { s.LocalEndpoint = &model.Endpoint{IPv4: net.IP{1, 2, 3}} },
		"year 3000":               func(s *model.SpanModel) { s.Timestamp = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC) },
	} {
		s := base
		change(&s)
		if _, ok := appendModelJSON(nil, &s); ok {
			t.Errorf("%s: written by the fast path", name)
		}
	}
}

// FuzzAppendModelJSON: whatever the strings, the bytes are MarshalJSON's.
func FuzzAppendModelJSON(f *testing.F) {
	f.Add("GET /x", "svc", "k", "v", "ann", int64(1500), uint64(1))
	f.Add("\u2028<>&\"\\", "S\xff", "\x00", "\x7f", "é", int64(1), uint64(0))
	f.Fuzz(func(t *testing.T, name, service, key, value, ann string, dur int64, parent uint64) {
		p := model.ID(parent)
		s := model.SpanModel{
			SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2, ParentID: &p},
			Name:        name, Duration: time.Duration(dur), Timestamp: time.Unix(1700000000, dur),
			LocalEndpoint: &model.Endpoint{ServiceName: service},
			Tags:          map[string]string{key: value}, Annotations: []model.Annotation{{Timestamp: time.Unix(1700000000, 0), Value: ann}},
		}
		want, err := s.MarshalJSON()
		got, ok := appendModelJSON(nil, &s)
		if ok && (err != nil || string(got) != string(want)) {
			t.Fatalf("\n got %s\nwant %s (%v)", got, want, err)
		}
	})
}
