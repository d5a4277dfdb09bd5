package encode

import (
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// JSONV2 is zipkin-go's reporter.JSONSerializer, byte for byte,
// without its second pass: json.Marshal of a []*SpanModel calls each span's
// MarshalJSON and then re-reads the result to compact and HTML-escape it,
// which MarshalJSON's own json.Marshal already did — a third of a burst's
// CPU. Here each span is written by appendModelJSON (MarshalJSON's bytes
// without reflection, the rest of a burst's serialising), or by its own
// MarshalJSON for the shapes that one leaves alone, and joined into the array.
type JSONV2 struct{}

var _ reporter.SpanSerializer = JSONV2{}

// Serialize is reporter.JSONSerializer's Serialize. A span MarshalJSON
// refuses makes it call that serializer, so the error is zipkin-go's, word
// for word.
func (JSONV2) Serialize(spans []*model.SpanModel) ([]byte, error) {
	return JSONV2{}.AppendSerialize(make([]byte, 0, 2+len(spans)*400), spans)
}

// AppendSerialize is Serialize, appending to buf: a sender can reuse one
// buffer after another instead of allocating a body per POST.
func (JSONV2) AppendSerialize(buf []byte, spans []*model.SpanModel) ([]byte, error) {
	if spans == nil {
		return reporter.JSONSerializer{}.Serialize(spans) // "null", as json.Marshal says
	}
	var memo endpointMemo
	buf = append(buf, '[')
	for i, s := range spans {
		if i > 0 {
			buf = append(buf, ',')
		}
		if s == nil {
			buf = append(buf, "null"...)
			continue
		}
		var ok bool
		if buf, ok = memo.appendModelJSON(buf, s); ok {
			continue
		}
		b, err := s.MarshalJSON()
		if err != nil {
			return reporter.JSONSerializer{}.Serialize(spans)
		}
		buf = append(buf, b...)
	}
	return append(buf, ']'), nil
}

// ContentType is reporter.JSONSerializer's.
func (JSONV2) ContentType() string { return reporter.JSONSerializer{}.ContentType() }
