package zipkinv1

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"zipkin-playground/tracing/zipkinspan"

	"github.com/openzipkin/zipkin-go/model"
)

// ErrV1JSONOnV2 is the error Zipkin answers (400) when a v1 JSON list is
// POSTed to /api/v2/spans.
//
//lint:ignore ST1005 Zipkin's collector answers with this text
var ErrV1JSONOnV2 = errors.New("Expected a JSON_V2 encoded list, but received: JSON_V1")

// LooksLikeV1JSON reports whether body is v1 JSON by Zipkin's own test
// (ZipkinHttpCollector.testForUnexpectedFormat): only v1 has a
// "binaryAnnotations" field. A receiver answers such a body on /api/v2/spans
// with 400 and ErrV1JSONOnV2.
func LooksLikeV1JSON(body []byte) bool {
	return bytes.Contains(body, []byte(`yAnnotations"`))
}

// LooksLikeV2JSON is the converse test Zipkin makes on /api/v1/spans: only v2
// has "localEndpoint"/"remoteEndpoint" or "tags".
func LooksLikeV2JSON(body []byte) bool {
	return bytes.Contains(body, []byte(`Endpoint"`)) || bytes.Contains(body, []byte(`"tags"`))
}

// DecodeV1JSON decodes a Zipkin v1 JSON list (zipkin-js's default) and
// converts it to v2 as Zipkin's V1SpanConverter does: core annotations become
// kind, timestamp and duration; a span with both a client and a server side
// becomes a CLIENT span and a shared SERVER span; string binary annotations
// become tags; "sa", "ca" and "ma" become the remote endpoint whatever their
// value (true, "true", "1"); other value types are dropped, as Zipkin drops
// them. An empty body is no spans.
func DecodeV1JSON(body []byte) ([]model.SpanModel, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, nil
	}
	if body[0] != '[' {
		return nil, errors.New("v1 JSON: expected a list of spans, starting with '['")
	}
	var raw []v1JSONIn
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("v1 JSON: %w", err)
	}
	var out []model.SpanModel
	for i, r := range raw {
		s, err := r.v1Span()
		if err == nil {
			out, err = convertV1(s, out)
		}
		if err != nil {
			return nil, fmt.Errorf("v1 JSON span %d: %w", i, err)
		}
	}
	return out, nil
}

// v1JSONIn is a v1 span as read; absent and null fields are nil.
type v1JSONIn struct {
	TraceID     *string `json:"traceId"`
	ID          *string `json:"id"`
	ParentID    *string `json:"parentId"`
	Name        *string `json:"name"`
	Timestamp   *int64  `json:"timestamp"`
	Duration    *int64  `json:"duration"`
	Annotations []struct {
		Timestamp *int64      `json:"timestamp"`
		Value     *string     `json:"value"`
		Endpoint  *v1JSONEPIn `json:"endpoint"`
	} `json:"annotations"`
	BinaryAnnotations []struct {
		Key      *string         `json:"key"`
		Value    json.RawMessage `json:"value"`
		Endpoint *v1JSONEPIn     `json:"endpoint"`
	} `json:"binaryAnnotations"`
	Debug *bool `json:"debug"`
}

type v1JSONEPIn struct {
	ServiceName *string `json:"serviceName"`
	IPv4        *string `json:"ipv4"`
	IPv6        *string `json:"ipv6"`
	Port        *int64  `json:"port"`
}

func (r v1JSONIn) v1Span() (v1Span, error) {
	var s v1Span
	var err error
	if r.TraceID == nil {
		return s, errV1TraceID
	}
	if s.TraceIDHigh, s.TraceID, err = parseV1TraceID(*r.TraceID); err != nil {
		return s, err
	}
	if r.ID == nil {
		return s, errV1ID
	}
	if s.ID, err = parseV1ID("id", *r.ID); err != nil {
		return s, err
	}
	if r.ParentID != nil {
		if s.ParentID, err = parseV1ID("parentId", *r.ParentID); err != nil {
			return s, err
		}
	}
	s.Name = lowerName(r.Name)
	s.Timestamp, s.Duration = deref(r.Timestamp), deref(r.Duration)
	s.Debug = r.Debug != nil && *r.Debug
	for i, a := range r.Annotations {
		if a.Timestamp == nil || a.Value == nil {
			return s, fmt.Errorf("annotation %d: timestamp and value are required", i)
		}
		ep, err := a.Endpoint.endpoint()
		if err != nil {
			return s, fmt.Errorf("annotation %q: %w", clip(*a.Value), err)
		}
		s.Annotations = append(s.Annotations, v1Annotation{*a.Timestamp, *a.Value, ep})
	}
	for i, b := range r.BinaryAnnotations {
		if b.Key == nil {
			return s, fmt.Errorf("binary annotation %d has no key", i)
		}
		ep, err := b.Endpoint.endpoint()
		if err != nil {
			return s, fmt.Errorf("binary annotation %q: %w", clip(*b.Key), err)
		}
		if ba, ok := v1JSONBinary(*b.Key, b.Value, ep); ok {
			s.BinaryAnnotations = append(s.BinaryAnnotations, ba)
		}
	}
	return s, nil
}

// v1JSONBinary keeps what Zipkin's V1JsonSpanReader keeps: a string value as
// a tag, a true value on sa/ca/ma with an endpoint as an address.
func v1JSONBinary(key string, value json.RawMessage, ep *model.Endpoint) (v1BinaryAnnotation, bool) {
	var str string
	if len(value) > 0 && value[0] == '"' && json.Unmarshal(value, &str) == nil {
		return v1BinaryAnnotation{Key: key, Value: str, Endpoint: ep}, true
	}
	isAddress := key == "sa" || key == "ca" || key == "ma"
	if string(value) == "true" && ep != nil && isAddress {
		return v1BinaryAnnotation{Key: key, Address: true, Endpoint: ep}, true
	}
	return v1BinaryAnnotation{}, false
}

func (e *v1JSONEPIn) endpoint() (*model.Endpoint, error) {
	if e == nil {
		return nil, nil
	}
	var out model.Endpoint
	if e.ServiceName != nil {
		out.ServiceName = *e.ServiceName
	}
	// Zipkin ignores an address it cannot parse rather than drop the span.
	for _, s := range []*string{e.IPv4, e.IPv6} {
		if s == nil {
			continue
		}
		if v4, v6, ok := zipkinspan.ParseIP(*s); ok && v4 != nil {
			out.IPv4 = v4
		} else if ok {
			out.IPv6 = v6
		}
	}
	if e.Port != nil {
		if *e.Port > 0xffff {
			return nil, fmt.Errorf("invalid port %d", *e.Port)
		}
		out.Port = uint16(max(*e.Port, 0))
	}
	return normalEndpoint(&out), nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// parseV1TraceID reads 1 to 32 lower-hex digits as Zipkin does: the low 64
// bits are the last 16 digits, the high ones the first 16 of 32.
func parseV1TraceID(s string) (high, low uint64, err error) {
	if len(s) < 1 || len(s) > 32 || !isLowerHex(s) {
		return 0, 0, fmt.Errorf("traceId %q should be 1 to 32 lower-hex digits", clip(s))
	}
	if len(s) > 16 { // Zipkin pads 17 to 31 digits to 32
		high, _ = strconv.ParseUint(s[:len(s)-16], 16, 64)
	}
	low, _ = strconv.ParseUint(s[max(len(s)-16, 0):], 16, 64)
	return high, low, nil
}

func parseV1ID(field, s string) (uint64, error) {
	if len(s) < 1 || len(s) > 16 || !isLowerHex(s) {
		return 0, fmt.Errorf("%s %q should be 1 to 16 lower-hex digits", field, clip(s))
	}
	id, _ := strconv.ParseUint(s, 16, 64)
	return id, nil
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// clip keeps error messages one line long whatever a client sent.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
