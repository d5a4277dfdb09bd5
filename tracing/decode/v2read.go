package decode

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"zipkin-playground/tracing/zipkinspan"

	"github.com/openzipkin/zipkin-go/model"
)

// spanIn is a v2 JSON span as Zipkin's V2SpanReader reads it: a JSON null is
// an absent field, and each field is checked on its own (see toModel).
type spanIn struct {
	TraceID        *string               `json:"traceId"`
	ID             *string               `json:"id"`
	ParentID       *string               `json:"parentId"`
	Kind           *string               `json:"kind"`
	Name           *string               `json:"name"`
	Timestamp      *lenientInt           `json:"timestamp"`
	Duration       *lenientInt           `json:"duration"`
	LocalEndpoint  *endpointIn           `json:"localEndpoint"`
	RemoteEndpoint *endpointIn           `json:"remoteEndpoint"`
	Annotations    []annotationIn        `json:"annotations"`
	Tags           map[string]tagValueIn `json:"tags"`
	Debug          *bool                 `json:"debug"`
	Shared         *bool                 `json:"shared"`
}

type endpointIn struct {
	ServiceName *string     `json:"serviceName"`
	IPv4        *string     `json:"ipv4"`
	IPv6        *string     `json:"ipv6"`
	Port        *lenientInt `json:"port"`
}

type annotationIn struct {
	Timestamp *lenientInt `json:"timestamp"`
	Value     *string     `json:"value"`
}

// lenientInt is a JSON integer as Gson's nextLong reads it: a number (a
// fraction only if whole) or a string holding one.
type lenientInt int64

func (n *lenientInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(b) > 1 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = lenientInt(v)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt64 {
		return fmt.Errorf("expected a long but was %s", b)
	}
	*n = lenientInt(f)
	return nil
}

// tagValueIn is a tag value as Gson's nextString reads it: a string, or a
// number as written; null, true, false, objects and arrays are errors.
type tagValueIn string

func (v *tagValueIn) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		err := json.Unmarshal(b, &s)
		*v = tagValueIn(s)
		return err
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*v = tagValueIn(b)
		return nil
	case string(b) == "null":
		return errors.New("no value")
	}
	return fmt.Errorf("expected a string but was %s", b)
}

// toModel makes the span zipkin2.Span.Builder makes of these fields: IDs must
// be lower-hex (too long, upper-case or all zeros fail the span), a short ID
// is padded, a parent of zeros is none, an unknown kind fails the span, a
// negative timestamp or duration is none, an annotation needs both fields, an
// address Zipkin cannot read is dropped, a port over 65535 fails the span.
func (in spanIn) toModel() (model.SpanModel, error) {
	var s model.SpanModel
	if in.TraceID == nil || in.ID == nil {
		return s, errors.New("missing traceId or id")
	}
	var err error
	if s.TraceID, err = zipkinspan.TraceID(*in.TraceID); err != nil {
		return s, err
	}
	if s.ID, err = zipkinspan.SpanID("id", *in.ID); err != nil {
		return s, err
	}
	if s.ID == 0 {
		return s, errors.New("id is all zeros")
	}
	if in.ParentID != nil {
		p, err := zipkinspan.SpanID("parentId", *in.ParentID)
		if err != nil {
			return s, err
		}
		if p != 0 {
			s.ParentID = &p
		}
	}
	if in.Kind != nil {
		if !zipkinspan.Kinds[model.Kind(*in.Kind)] {
			return s, fmt.Errorf("no enum constant zipkin2.Span.Kind.%s", *in.Kind)
		}
		s.Kind = model.Kind(*in.Kind)
	}
	if in.Name != nil {
		s.Name = *in.Name
	}
	if in.Timestamp != nil && *in.Timestamp > 0 {
		s.Timestamp = time.UnixMicro(int64(*in.Timestamp))
	}
	if in.Duration != nil && *in.Duration > 0 {
		s.Duration = time.Duration(*in.Duration) * time.Microsecond
	}
	if s.LocalEndpoint, err = in.LocalEndpoint.toModel(); err != nil {
		return s, err
	}
	if s.RemoteEndpoint, err = in.RemoteEndpoint.toModel(); err != nil {
		return s, err
	}
	for _, a := range in.Annotations {
		if a.Timestamp == nil || a.Value == nil {
			return s, errors.New("incomplete annotation")
		}
		s.Annotations = append(s.Annotations, model.Annotation{Timestamp: time.UnixMicro(int64(*a.Timestamp)), Value: *a.Value})
	}
	if len(in.Tags) > 0 {
		s.Tags = make(map[string]string, len(in.Tags))
		for k, v := range in.Tags {
			s.Tags[k] = string(v)
		}
	}
	s.Debug = in.Debug != nil && *in.Debug
	s.Shared = in.Shared != nil && *in.Shared
	return s, nil
}

func (in *endpointIn) toModel() (*model.Endpoint, error) {
	if in == nil {
		return nil, nil
	}
	e := &model.Endpoint{}
	if in.ServiceName != nil {
		e.ServiceName = *in.ServiceName
	}
	for _, ip := range []*string{in.IPv4, in.IPv6} {
		if ip == nil {
			continue
		}
		if v4, v6, ok := zipkinspan.ParseIP(*ip); ok {
			if v4 != nil {
				e.IPv4 = v4
			} else {
				e.IPv6 = v6
			}
		}
	}
	if in.Port != nil {
		if *in.Port > math.MaxUint16 {
			return nil, fmt.Errorf("invalid port %d", *in.Port)
		}
		if *in.Port > 0 {
			e.Port = uint16(*in.Port)
		}
	}
	return e, nil
}

// decodeSpanV2 decodes one v2 JSON span as Zipkin does.
func decodeSpanV2(dec *json.Decoder) (model.SpanModel, error) {
	var in spanIn
	if err := dec.Decode(&in); err != nil {
		return model.SpanModel{}, err
	}
	return in.toModel()
}
