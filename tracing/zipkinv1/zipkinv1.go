package zipkinv1

// The Zipkin v1 model, shared by the v1 JSON serializer and the v1 JSON and
// Thrift decoders. It follows Zipkin's zipkin2.v1.V1Span: annotations carry
// the endpoint that recorded them, kinds are the core annotations
// (cs/cr, sr/ss, ms/ws, wr/mr), tags are string binary annotations and the
// remote endpoint is an address binary annotation ("sa", "ca" or "ma").

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net"
	"sort"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
)

// v1Span is one Zipkin v1 span. Zero IDs, timestamps and durations mean absent.
type v1Span struct {
	TraceIDHigh       uint64
	TraceID           uint64
	ParentID          uint64
	ID                uint64
	Name              string
	Timestamp         int64 // epoch µs
	Duration          int64 // µs
	Annotations       []v1Annotation
	BinaryAnnotations []v1BinaryAnnotation
	Debug             bool
}

// v1Annotation is a timestamped event and the endpoint that recorded it.
type v1Annotation struct {
	Timestamp int64 // epoch µs
	Value     string
	Endpoint  *model.Endpoint
}

// v1BinaryAnnotation is a tag (Address false: Value holds the string) or an
// address annotation (Address true: "sa", "ca" or "ma" naming Endpoint).
type v1BinaryAnnotation struct {
	Key      string
	Value    string
	Address  bool
	Endpoint *model.Endpoint
}

// sortV1 orders annotations by timestamp then value and binary annotations by
// key (stable), as Zipkin's V1Span does: both the converters and the bytes we
// write depend on that order.
func sortV1(s *v1Span) {
	sort.SliceStable(s.Annotations, func(i, j int) bool {
		a, b := s.Annotations[i], s.Annotations[j]
		if a.Timestamp != b.Timestamp {
			return a.Timestamp < b.Timestamp
		}
		return a.Value < b.Value
	})
	sort.SliceStable(s.BinaryAnnotations, func(i, j int) bool {
		return s.BinaryAnnotations[i].Key < s.BinaryAnnotations[j].Key
	})
}

// normalEndpoint is e as Zipkin's Endpoint builder keeps it: the service name
// lowercased, IPv4 in its 4-byte form, an IPv4-mapped IPv6 moved to IPv4, and
// nil when nothing is left (Zipkin drops empty endpoints everywhere).
func normalEndpoint(e *model.Endpoint) *model.Endpoint {
	if e == nil {
		return nil
	}
	out := model.Endpoint{ServiceName: strings.ToLower(e.ServiceName), Port: e.Port}
	if v4 := e.IPv4.To4(); v4 != nil {
		out.IPv4 = v4
	}
	if len(e.IPv6) == net.IPv6len {
		if v4 := e.IPv6.To4(); v4 != nil {
			if out.IPv4 == nil {
				out.IPv4 = v4
			}
		} else {
			out.IPv6 = e.IPv6
		}
	}
	if out.Empty() {
		return nil
	}
	return &out
}

// sameEndpoint is Zipkin's Endpoint.equals on normalised endpoints.
func sameEndpoint(a, b *model.Endpoint) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ServiceName == b.ServiceName && a.Port == b.Port &&
		//lint:ignore SA1021 normalised endpoints: the exact bytes, as Zipkin's equals compares them
		bytes.Equal(a.IPv4, b.IPv4) && bytes.Equal(a.IPv6, b.IPv6)
}

// sameServiceName is Zipkin's hasSameServiceName; a missing endpoint has no
// service name.
func sameServiceName(a, b *model.Endpoint) bool {
	name := func(e *model.Endpoint) string {
		if e == nil {
			return ""
		}
		return e.ServiceName
	}
	return name(a) == name(b)
}

// lowerName is a span name as Zipkin keeps it: lowercased, absent as "".
func lowerName(name *string) string {
	if name == nil {
		return ""
	}
	return strings.ToLower(*name)
}

// Why a v1 span cannot become a v2 span.
var (
	errV1TraceID = errors.New("traceId is missing or zero")
	errV1ID      = errors.New("id is missing or zero")
)

// maxV1Micros is the largest time in µs that time.Time and time.Duration
// hold as nanoseconds (year 2262, 106 days).
const maxV1Micros = math.MaxInt64 / 1000

// checkV1Times refuses times Go cannot hold; Zipkin keeps them as longs.
func checkV1Times(s *v1Span) error {
	if s.Timestamp > maxV1Micros {
		return fmt.Errorf("timestamp %d is not epoch microseconds (after the year 2262)", s.Timestamp)
	}
	if s.Duration > maxV1Micros {
		return fmt.Errorf("duration %dµs is over %dµs", s.Duration, int64(maxV1Micros))
	}
	for _, a := range s.Annotations {
		if a.Timestamp > maxV1Micros || a.Timestamp < -maxV1Micros {
			return fmt.Errorf("annotation %q: timestamp %d is not epoch microseconds", clip(a.Value), a.Timestamp)
		}
	}
	return nil
}
