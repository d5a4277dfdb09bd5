//lint:file-ignore ST1005 the error texts are Zipkin collector answers, capitalised as Zipkin writes them

package decode

import (
	"encoding/hex"
	"fmt"
	"net"
	"time"

	"zipkin-playground/tracing/zipkinspan"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"google.golang.org/protobuf/proto"
)

// protoKinds are zipkin.proto3's kind numbers Zipkin reads; any other number
// leaves the span without kind (Proto3ZipkinFields.SpanField.readValue).
var protoKinds = map[zipkin_proto3.Span_Kind]model.Kind{
	zipkin_proto3.Span_CLIENT:   model.Client,
	zipkin_proto3.Span_SERVER:   model.Server,
	zipkin_proto3.Span_PRODUCER: model.Producer,
	zipkin_proto3.Span_CONSUMER: model.Consumer,
}

// decodeProto decodes a proto3 ListOfSpans as Zipkin's Proto3ZipkinFields
// does: each span keeps its own debug flag, a trace ID of 8 or 16 bytes (or
// fewer, padded) is read, an annotation without timestamp or value and a tag
// without key are skipped, an address of another length than 4 or 16 bytes is
// dropped.
func decodeProto(data []byte) ([]model.SpanModel, error) {
	var list zipkin_proto3.ListOfSpans
	if err := proto.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("Expected a PROTO3 encoded list: %v", err)
	}
	out := make([]model.SpanModel, 0, len(list.Spans))
	for i, p := range list.Spans {
		s, err := protoSpan(p)
		if err != nil {
			return nil, fmt.Errorf("Expected a PROTO3 encoded list: span %d: %v", i, err)
		}
		out = append(out, s)
	}
	return out, nil
}

func protoSpan(p *zipkin_proto3.Span) (model.SpanModel, error) {
	var s model.SpanModel
	if len(p.TraceId) == 0 || len(p.Id) == 0 {
		return s, fmt.Errorf("missing traceId or id")
	}
	var err error
	if s.TraceID, err = zipkinspan.TraceID(hex.EncodeToString(p.TraceId)); err != nil {
		return s, err
	}
	if s.ID, err = zipkinspan.SpanID("id", hex.EncodeToString(p.Id)); err != nil {
		return s, err
	}
	if s.ID == 0 {
		return s, fmt.Errorf("id is all zeros")
	}
	if len(p.ParentId) > 0 {
		parent, err := zipkinspan.SpanID("parentId", hex.EncodeToString(p.ParentId))
		if err != nil {
			return s, err
		}
		if parent != 0 {
			s.ParentID = &parent
		}
	}
	s.Kind = protoKinds[p.Kind]
	s.Name = p.Name
	if p.Timestamp > 0 && p.Timestamp <= 1<<62 {
		s.Timestamp = time.UnixMicro(int64(p.Timestamp))
	}
	if p.Duration > 0 && p.Duration <= 1<<62 {
		s.Duration = time.Duration(p.Duration) * time.Microsecond
	}
	s.LocalEndpoint = protoEndpoint(p.LocalEndpoint)
	s.RemoteEndpoint = protoEndpoint(p.RemoteEndpoint)
	for _, a := range p.Annotations {
		if a != nil && a.Timestamp != 0 && a.Value != "" {
			s.Annotations = append(s.Annotations, model.Annotation{Timestamp: time.UnixMicro(int64(a.Timestamp)), Value: a.Value})
		}
	}
	for k, v := range p.Tags {
		if k == "" {
			continue
		}
		if s.Tags == nil {
			s.Tags = map[string]string{}
		}
		s.Tags[k] = v
	}
	s.Debug, s.Shared = p.Debug, p.Shared
	return s, nil
}

func protoEndpoint(p *zipkin_proto3.Endpoint) *model.Endpoint {
	if p == nil {
		return nil
	}
	e := &model.Endpoint{ServiceName: p.ServiceName, Port: uint16(p.Port)}
	if p.Port < 0 || p.Port > 0xffff {
		e.Port = 0
	}
	for _, b := range [][]byte{p.Ipv4, p.Ipv6} {
		switch len(b) {
		case net.IPv4len:
			e.IPv4 = net.IP(append([]byte(nil), b...))
		case net.IPv6len:
			e.IPv6 = net.IP(append([]byte(nil), b...))
		}
	}
	return e
}
