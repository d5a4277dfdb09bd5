package receiver

import (
	"bytes"
	"encoding/json"
	"net"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// spanJSON is a Zipkin v2 span as the receiver serves it. zipkin-go's
// SpanModel.MarshalJSON fails on a span whose timestamp is absent in proto3
// terms (epoch zero); this never fails, and leaves absent fields out.
type spanJSON struct {
	TraceID        string            `json:"traceId"`
	ParentID       string            `json:"parentId,omitempty"`
	ID             string            `json:"id"`
	Kind           string            `json:"kind,omitempty"`
	Name           string            `json:"name,omitempty"`
	Timestamp      int64             `json:"timestamp,omitempty"`
	Duration       int64             `json:"duration,omitempty"`
	LocalEndpoint  *endpointJSON     `json:"localEndpoint,omitempty"`
	RemoteEndpoint *endpointJSON     `json:"remoteEndpoint,omitempty"`
	Annotations    []annotationJSON  `json:"annotations,omitempty"`
	Tags           map[string]string `json:"tags,omitempty"`
	Debug          bool              `json:"debug,omitempty"`
	Shared         bool              `json:"shared,omitempty"`
}

type endpointJSON struct {
	ServiceName string `json:"serviceName,omitempty"`
	IPv4        string `json:"ipv4,omitempty"`
	IPv6        string `json:"ipv6,omitempty"`
	Port        uint16 `json:"port,omitempty"`
}

type annotationJSON struct {
	Timestamp int64  `json:"timestamp"`
	Value     string `json:"value"`
}

// MarshalSpanJSON is a span as Zipkin v2 JSON, as the receiver serves it: a
// zero parent, an unspecified kind, an absent timestamp are left out rather
// than failing (see SpanModel.MarshalJSON).
func MarshalSpanJSON(s model.SpanModel) ([]byte, error) { return appendSpanJSON(nil, s) }

func appendSpanJSON(dst []byte, s model.SpanModel) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toSpanJSON(s)); err != nil {
		return dst, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func toSpanJSON(s model.SpanModel) spanJSON {
	out := spanJSON{
		TraceID:        s.TraceID.String(),
		ID:             s.ID.String(),
		Name:           s.Name,
		Timestamp:      epochMicros(s.Timestamp),
		Duration:       durationMicros(s.Duration),
		LocalEndpoint:  toEndpointJSON(s.LocalEndpoint),
		RemoteEndpoint: toEndpointJSON(s.RemoteEndpoint),
		Tags:           s.Tags,
		Debug:          s.Debug,
		Shared:         s.Shared,
	}
	if s.ParentID != nil && *s.ParentID != 0 {
		out.ParentID = s.ParentID.String()
	}
	if s.Kind != protoUnspecifiedKind {
		out.Kind = string(s.Kind)
	}
	for _, a := range s.Annotations {
		out.Annotations = append(out.Annotations, annotationJSON{Timestamp: epochMicros(a.Timestamp), Value: a.Value})
	}
	return out
}

// epochMicros is epoch microseconds, 0 (absent) for a zero or pre-epoch time.
func epochMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	if us := t.Round(time.Microsecond).UnixMicro(); us > 0 {
		return us
	}
	return 0
}

// durationMicros rounds to microseconds; a positive duration under 1 µs is 1,
// as zipkin-go writes it.
func durationMicros(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	if us := d.Round(time.Microsecond).Microseconds(); us > 0 {
		return us
	}
	return 1
}

func toEndpointJSON(e *model.Endpoint) *endpointJSON {
	if e.Empty() {
		return nil
	}
	return &endpointJSON{ServiceName: e.ServiceName, IPv4: ipString(e.IPv4), IPv6: ipString(e.IPv6), Port: e.Port}
}

func ipString(ip net.IP) string {
	if len(ip) == 0 {
		return ""
	}
	return ip.String()
}

// marshalSpans is a list of spans as a JSON array.
func marshalSpans(spans []model.SpanModel) ([]byte, error) {
	out := []byte{'['}
	for i, s := range spans {
		if i > 0 {
			out = append(out, ',')
		}
		var err error
		if out, err = appendSpanJSON(out, s); err != nil {
			return nil, err
		}
	}
	return append(out, ']'), nil
}
