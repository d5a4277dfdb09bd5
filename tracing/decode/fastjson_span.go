package decode

import (
	"math"

	"github.com/openzipkin/zipkin-go/model"
)

// span reads one span's fields, every key at most once, into the form
// walkJSONV2 reads them into, and makes the model span as it does (toModel
// decides what a field may hold); a span toModel refuses is left to
// walkJSONV2, which words the error.
func (p *jsonParser) span() (model.SpanModel, bool) {
	var in spanIn
	var seen uint32
	// The string fields' values live here, beside in, not one allocation
	// each: a burst reads five of them per span.
	var strs [5]string
	ok := p.object(func(key []byte) bool {
		if !once(&seen, fieldBits[string(key)]) {
			return false
		}
		switch string(key) {
		case "traceId":
			return p.strInto(&strs[0], &in.TraceID)
		case "id":
			return p.strInto(&strs[1], &in.ID)
		case "parentId":
			return p.strInto(&strs[2], &in.ParentID)
		case "kind":
			return p.strInto(&strs[3], &in.Kind)
		case "name":
			return p.strInto(&strs[4], &in.Name)
		case "timestamp":
			return p.intField(&in.Timestamp)
		case "duration":
			return p.intField(&in.Duration)
		case "debug":
			return p.boolField(&in.Debug)
		case "shared":
			return p.boolField(&in.Shared)
		case "localEndpoint":
			in.LocalEndpoint = &endpointIn{}
			return p.endpoint(in.LocalEndpoint)
		case "remoteEndpoint":
			in.RemoteEndpoint = &endpointIn{}
			return p.endpoint(in.RemoteEndpoint)
		case "annotations":
			var ok bool
			in.Annotations, ok = p.annotations()
			return ok
		case "tags":
			var ok bool
			in.Tags, ok = p.tags()
			return ok
		}
		return false
	})
	if !ok {
		return model.SpanModel{}, false
	}
	s, err := in.toModel()
	return s, err == nil
}

func (p *jsonParser) strField(dst **string) bool {
	v, ok := p.str()
	*dst = &v
	return ok
}

// strInto reads a string into *v and points *dst at it.
func (p *jsonParser) strInto(v *string, dst **string) bool {
	var ok bool
	*v, ok = p.str()
	*dst = v
	return ok
}

func (p *jsonParser) intField(dst **lenientInt) bool {
	v, ok := p.uint()
	n := lenientInt(v)
	*dst = &n
	return ok && v <= math.MaxInt64
}

func (p *jsonParser) boolField(dst **bool) bool {
	v, ok := p.boolean()
	*dst = &v
	return ok
}

func (p *jsonParser) endpoint(e *endpointIn) bool {
	var seen uint32
	return p.object(func(key []byte) bool {
		if !once(&seen, fieldBits[string(key)]) {
			return false
		}
		switch string(key) {
		case "serviceName":
			return p.strField(&e.ServiceName)
		case "ipv4":
			return p.strField(&e.IPv4)
		case "ipv6":
			return p.strField(&e.IPv6)
		case "port":
			return p.intField(&e.Port)
		}
		return false
	})
}

func (p *jsonParser) annotations() ([]annotationIn, bool) {
	if !p.consume('[') {
		return nil, false
	}
	out := []annotationIn{}
	if p.consume(']') {
		return out, true
	}
	for {
		var a annotationIn
		ok := p.object(func(key []byte) bool {
			switch {
			case string(key) == "timestamp" && a.Timestamp == nil:
				return p.intField(&a.Timestamp)
			case string(key) == "value" && a.Value == nil:
				return p.strField(&a.Value)
			}
			return false
		})
		if !ok {
			return nil, false
		}
		out = append(out, a)
		if p.consume(']') {
			return out, true
		}
		if !p.consume(',') {
			return nil, false
		}
	}
}

func (p *jsonParser) tags() (map[string]tagValueIn, bool) {
	tags := map[string]tagValueIn{}
	ok := p.object(func(key []byte) bool {
		if _, dup := tags[string(key)]; dup {
			return false
		}
		k := string(key)
		v, ok := p.str()
		tags[k] = tagValueIn(v)
		return ok
	})
	return tags, ok
}
