package encode

import "github.com/openzipkin/zipkin-go/model"

// endpointMemo remembers where in one buffer the last few endpoints were
// written, by pointer, so that the next span of the batch with the same
// endpoint copies those bytes instead of writing them again: every span a
// tracer starts shares the tracer's local endpoint, so a batch has only a
// few. A pointer seen earlier in the same batch is the same endpoint: the
// spans being serialized keep it alive, so its address is not reused, and
// zipkin-go never changes an endpoint once a span refers to it.
type endpointMemo struct {
	n  int // the slot the next new endpoint takes (the oldest goes)
	ep [4]*model.Endpoint
	at [4][2]int // start and end of ep[i]'s object in the buffer
}

// appendEndpoint appends key and the endpoint's object, as MarshalJSON does
// (nothing for an empty endpoint).
func (m *endpointMemo) appendEndpoint(dst []byte, key string, e *model.Endpoint) []byte {
	if e.Empty() {
		return dst
	}
	dst = append(dst, key...)
	for i, known := range m.ep {
		if known == e {
			return append(dst, dst[m.at[i][0]:m.at[i][1]]...)
		}
	}
	start := len(dst)
	dst = appendEndpointObject(dst, e)
	m.ep[m.n], m.at[m.n] = e, [2]int{start, len(dst)}
	m.n = (m.n + 1) % len(m.ep)
	return dst
}
