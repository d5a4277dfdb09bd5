package zipkinv1

// Zipkin v1 Thrift, py_zipkin's default: a TBinaryProtocol list of the
// zipkincore.thrift Span struct. It is read with Apache Thrift's own
// TBinaryProtocol against the IDL's field IDs (as Zipkin's
// V1ThriftSpanReader does) rather than with generated code: the generated
// zipkincore package (jaeger-idl) would pull gRPC and gogo/protobuf upgrades
// into go.mod for four small structs.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/openzipkin/zipkin-go/model"
)

// Field IDs and types of zipkincore.thrift.
const (
	thriftSpanTraceID          = 1
	thriftSpanName             = 3
	thriftSpanID               = 4
	thriftSpanParentID         = 5
	thriftSpanAnnotations      = 6
	thriftSpanBinary           = 8
	thriftSpanDebug            = 9
	thriftSpanTimestamp        = 10
	thriftSpanDuration         = 11
	thriftSpanTraceIDHigh      = 12
	thriftAnnotationTypeString = 6 // AnnotationType.STRING
	thriftAnnotationTypeBool   = 0 // AnnotationType.BOOL
)

// DecodeV1Thrift decodes a Zipkin v1 Thrift body (TBinaryProtocol
// list<zipkincore.Span>, as py_zipkin sends to /api/v1/spans) and converts it
// to v2 as DecodeV1JSON does. Like Zipkin's HTTP collector it wants a list: a
// single Span struct is refused. Binary annotations of type STRING become
// tags and BOOL true "sa"/"ca"/"ma" the remote endpoint; other types are
// dropped, as Zipkin drops them. An empty body is no spans.
func DecodeV1Thrift(body []byte) ([]model.SpanModel, error) {
	if len(body) == 0 {
		return nil, nil
	}
	// The first byte of a list is its element type: STRUCT, or STRING from an
	// old zipkin-reporter-java bug that Zipkin still accepts.
	if body[0] != byte(thrift.STRUCT) && body[0] != byte(thrift.STRING) {
		if body[0] == '[' || body[0] == '{' {
			return nil, errors.New("v1 Thrift: the body is JSON; send it as Content-Type application/json")
		}
		return nil, fmt.Errorf("v1 Thrift: expected a TBinaryProtocol list of spans (first byte 0x0c), got 0x%02x", body[0])
	}
	r := thriftReader{p: thrift.NewTBinaryProtocolConf(
		&thrift.TMemoryBuffer{Buffer: bytes.NewBuffer(body)},
		// No length in the body may exceed the body itself.
		&thrift.TConfiguration{MaxMessageSize: int32(min(len(body), math.MaxInt32))},
	)}
	_, n, err := r.p.ReadListBegin(r.ctx())
	if err != nil {
		return nil, thriftError("list header", err)
	}
	var out []model.SpanModel
	for i := 0; i < n; i++ {
		s, err := r.span()
		if err == nil {
			out, err = convertV1(s, out)
		}
		if err != nil {
			return nil, thriftError(fmt.Sprintf("span %d of %d", i, n), err)
		}
	}
	return out, nil
}

// thriftError turns a Thrift error into one sentence.
func thriftError(where string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("v1 Thrift: the body ends inside %s", where)
	}
	return fmt.Errorf("v1 Thrift %s: %w", where, err)
}

type thriftReader struct{ p *thrift.TBinaryProtocol }

func (thriftReader) ctx() context.Context { return context.Background() }

// fields calls f for each field of a struct until its STOP; f returns false
// for a field it does not know (or whose type is not the IDL's), which is
// skipped as Zipkin skips it.
func (r thriftReader) fields(f func(id int16, t thrift.TType) (bool, error)) error {
	for {
		_, t, id, err := r.p.ReadFieldBegin(r.ctx())
		if err != nil {
			return err
		}
		if t == thrift.STOP {
			return nil
		}
		known, err := f(id, t)
		if err == nil && !known {
			err = r.p.Skip(r.ctx(), t)
		}
		if err != nil {
			return err
		}
	}
}

func (r thriftReader) span() (v1Span, error) {
	var s v1Span
	i64 := func(dst *int64) error { v, err := r.p.ReadI64(r.ctx()); *dst = v; return err }
	u64 := func(dst *uint64) error { v, err := r.p.ReadI64(r.ctx()); *dst = uint64(v); return err }
	err := r.fields(func(id int16, t thrift.TType) (bool, error) {
		switch {
		case id == thriftSpanTraceID && t == thrift.I64:
			return true, u64(&s.TraceID)
		case id == thriftSpanTraceIDHigh && t == thrift.I64:
			return true, u64(&s.TraceIDHigh)
		case id == thriftSpanID && t == thrift.I64:
			return true, u64(&s.ID)
		case id == thriftSpanParentID && t == thrift.I64:
			return true, u64(&s.ParentID)
		case id == thriftSpanTimestamp && t == thrift.I64:
			return true, i64(&s.Timestamp)
		case id == thriftSpanDuration && t == thrift.I64:
			return true, i64(&s.Duration)
		case id == thriftSpanName && t == thrift.STRING:
			name, err := r.p.ReadString(r.ctx())
			s.Name = lowerName(&name)
			return true, err
		case id == thriftSpanDebug && t == thrift.BOOL:
			v, err := r.p.ReadBool(r.ctx())
			s.Debug = v
			return true, err
		case id == thriftSpanAnnotations && t == thrift.LIST:
			return true, r.list(func() error { return r.annotation(&s) })
		case id == thriftSpanBinary && t == thrift.LIST:
			return true, r.list(func() error { return r.binaryAnnotation(&s) })
		}
		return false, nil
	})
	return s, err
}

// list reads a list of structs. Each element consumes at least one byte, so
// a forged length ends at the end of the body.
func (r thriftReader) list(elem func() error) error {
	_, n, err := r.p.ReadListBegin(r.ctx())
	for i := 0; err == nil && i < n; i++ {
		err = elem()
	}
	return err
}

func (r thriftReader) annotation(s *v1Span) error {
	var a v1Annotation
	var hasValue bool
	err := r.fields(func(id int16, t thrift.TType) (bool, error) {
		var err error
		switch {
		case id == 1 && t == thrift.I64:
			a.Timestamp, err = r.p.ReadI64(r.ctx())
		case id == 2 && t == thrift.STRING:
			a.Value, err = r.p.ReadString(r.ctx())
			hasValue = true
		case id == 3 && t == thrift.STRUCT:
			a.Endpoint, err = r.endpoint()
		default:
			return false, nil
		}
		return true, err
	})
	if err == nil && a.Timestamp != 0 && hasValue { // Zipkin drops incomplete ones
		s.Annotations = append(s.Annotations, a)
	}
	return err
}

func (r thriftReader) binaryAnnotation(s *v1Span) error {
	var key, value []byte
	var hasKey, hasValue bool
	var typ int32 = -1
	var ep *model.Endpoint
	err := r.fields(func(id int16, t thrift.TType) (bool, error) {
		var err error
		switch {
		case id == 1 && t == thrift.STRING:
			key, err = r.p.ReadBinary(r.ctx())
			hasKey = true
		case id == 2 && t == thrift.STRING:
			value, err = r.p.ReadBinary(r.ctx())
			hasValue = true
		case id == 3 && t == thrift.I32:
			typ, err = r.p.ReadI32(r.ctx())
		case id == 4 && t == thrift.STRUCT:
			ep, err = r.endpoint()
		default:
			return false, nil
		}
		return true, err
	})
	if err != nil || !hasKey || !hasValue { // Zipkin drops incomplete ones
		return err
	}
	k := string(key)
	switch {
	case typ == thriftAnnotationTypeString:
		s.BinaryAnnotations = append(s.BinaryAnnotations, v1BinaryAnnotation{Key: k, Value: string(value), Endpoint: ep})
	case typ == thriftAnnotationTypeBool && string(value) == "\x01" && ep != nil && (k == "sa" || k == "ca" || k == "ma"):
		s.BinaryAnnotations = append(s.BinaryAnnotations, v1BinaryAnnotation{Key: k, Address: true, Endpoint: ep})
	}
	return nil
}

func (r thriftReader) endpoint() (*model.Endpoint, error) {
	var e model.Endpoint
	err := r.fields(func(id int16, t thrift.TType) (bool, error) {
		switch {
		case id == 1 && t == thrift.I32:
			v, err := r.p.ReadI32(r.ctx())
			if v != 0 {
				e.IPv4 = net.IPv4(byte(v>>24), byte(v>>16), byte(v>>8), byte(v)).To4()
			}
			return true, err
		case id == 2 && t == thrift.I16:
			v, err := r.p.ReadI16(r.ctx())
			e.Port = uint16(v)
			return true, err
		case id == 3 && t == thrift.STRING:
			v, err := r.p.ReadString(r.ctx())
			e.ServiceName = v
			return true, err
		case id == 4 && t == thrift.STRING:
			v, err := r.p.ReadBinary(r.ctx())
			switch len(v) {
			case net.IPv6len:
				e.IPv6 = net.IP(v) // normalEndpoint moves a v4-mapped one to IPv4
			case net.IPv4len:
				e.IPv4 = net.IP(v)
			}
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return normalEndpoint(&e), nil
}
