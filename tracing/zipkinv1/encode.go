package zipkinv1

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// V1JSONSerializer writes spans as Zipkin v1 JSON, the format of
// /api/v1/spans, converting each v2 span as Zipkin's V2SpanConverter does. It
// implements zipkin-go's reporter.SpanSerializer.
//
// Two choices differ from Zipkin's own writer, both for the sake of real
// receivers:
//   - A shared SERVER span whose CLIENT span (same trace and span ID) is in the
//     same batch is merged into the client's v1 span, as v1 storage kept one
//     span per ID; Zipkin's V1SpanConverter splits it again on the way in.
//     Except when both sides have the same service name (loopback): Zipkin's
//     reader gives every tag and annotation of a merged loopback span to the
//     client side (a server tag would overwrite the client's), so the server
//     side stays a v1 span of its own, which Zipkin reads back as the shared
//     SERVER span it was.
//   - Address annotations ("sa", "ca", "ma") carry the string "true" instead of
//     the boolean true: Jaeger's (OpenTelemetry's) v1 decoder rejects the whole
//     batch on a boolean value, while Zipkin reads address annotations by key
//     whatever their value ("leniently", for zipkin-ruby's "1").
type V1JSONSerializer struct{}

// ContentType is application/json, what Zipkin's /api/v1/spans expects.
func (V1JSONSerializer) ContentType() string { return "application/json" }

// Serialize converts spans to v1 and writes them as a JSON list. It fails on
// the spans zipkin-go's JSON serializer fails on (a timestamp before 1970, a
// negative duration), with zipkin-go's errors.
func (V1JSONSerializer) Serialize(spans []*model.SpanModel) ([]byte, error) {
	v1, err := toV1Spans(spans)
	if err != nil {
		return nil, err
	}
	out := make([]v1JSONSpan, len(v1))
	for i := range v1 {
		out[i] = v1JSON(v1[i])
	}
	return json.Marshal(out)
}

// toV1Spans converts each span and merges shared SERVER spans into their
// CLIENT span when both are in the batch (and are not loopback).
func toV1Spans(spans []*model.SpanModel) ([]v1Span, error) {
	type spanKey struct{ high, low, id uint64 }
	type server struct {
		v1    v1Span
		key   spanKey
		local *model.Endpoint
	}
	keyOf := func(s *model.SpanModel) spanKey {
		return spanKey{s.TraceID.High, s.TraceID.Low, uint64(s.ID)}
	}
	clients := map[spanKey]int{} // index in out
	clientLocal := map[spanKey]*model.Endpoint{}
	out := make([]v1Span, 0, len(spans))
	var servers []server
	for _, s := range spans {
		if s == nil {
			continue
		}
		v, err := v2ToV1(*s)
		if err != nil {
			return nil, err
		}
		switch {
		case s.Shared && s.Kind == model.Server:
			servers = append(servers, server{v, keyOf(s), normalEndpoint(s.LocalEndpoint)})
			continue
		case s.Kind == model.Client:
			clients[keyOf(s)] = len(out)
			clientLocal[keyOf(s)] = normalEndpoint(s.LocalEndpoint)
		}
		out = append(out, v)
	}
	for _, srv := range servers {
		ci, ok := clients[srv.key]
		if !ok || sameServiceName(clientLocal[srv.key], srv.local) {
			out = append(out, srv.v1)
			continue
		}
		c := &out[ci]
		c.Annotations = append(c.Annotations, srv.v1.Annotations...)
		c.BinaryAnnotations = append(c.BinaryAnnotations, srv.v1.BinaryAnnotations...)
		c.Debug = c.Debug || srv.v1.Debug
		if c.Name == "" {
			c.Name = srv.v1.Name
		}
		sortV1(c)
	}
	return out, nil
}

// v2ToV1 is Zipkin's V2SpanConverter.convert.
func v2ToV1(s model.SpanModel) (v1Span, error) {
	ts, dur, err := spanMicros(s)
	if err != nil {
		return v1Span{}, err
	}
	out := v1Span{
		TraceIDHigh: s.TraceID.High, TraceID: s.TraceID.Low, ID: uint64(s.ID),
		Name: strings.ToLower(s.Name), Debug: s.Debug,
	}
	if s.ParentID != nil {
		out.ParentID = uint64(*s.ParentID)
	}
	// Zipkin does not report timestamp and duration on shared spans: v1 read
	// their absence as "the other side owns them".
	if !s.Shared {
		out.Timestamp, out.Duration = ts, dur
	}
	md := parseV1Metadata(s, ts, dur)
	ep := normalEndpoint(s.LocalEndpoint)
	writeBegin := md.startTs != 0 && md.begin != ""
	writeEnd := md.endTs != 0 && md.end != ""
	count := len(s.Annotations)
	add := func(ts int64, value string) {
		out.Annotations = append(out.Annotations, v1Annotation{Timestamp: ts, Value: value, Endpoint: ep})
	}
	if writeBegin {
		count++
		add(md.startTs, md.begin)
	}
	for _, a := range s.Annotations {
		if (writeBegin && a.Value == md.begin) || (writeEnd && a.Value == md.end) {
			continue
		}
		add(timeMicros(a.Timestamp), a.Value)
	}
	if writeEnd {
		count++
		add(md.endTs, md.end)
	}
	for k, v := range s.Tags {
		out.BinaryAnnotations = append(out.BinaryAnnotations, v1BinaryAnnotation{Key: k, Value: v, Endpoint: ep})
	}
	// An empty "lc" keeps the local endpoint of an in-process span that has
	// nothing else to carry it.
	if count == 0 && ep != nil && len(s.Tags) == 0 {
		out.BinaryAnnotations = append(out.BinaryAnnotations, v1BinaryAnnotation{Key: "lc", Endpoint: ep})
	}
	if remote := normalEndpoint(s.RemoteEndpoint); md.addr != "" && remote != nil {
		out.BinaryAnnotations = append(out.BinaryAnnotations, v1BinaryAnnotation{Key: md.addr, Address: true, Endpoint: remote})
	}
	sortV1(&out)
	return out, nil
}

// v1Metadata is what V2SpanConverter infers before writing: the core
// annotations to add, their timestamps and the address annotation's key.
type v1Metadata struct {
	startTs, endTs   int64
	begin, end, addr string
}

func parseV1Metadata(s model.SpanModel, ts, dur int64) v1Metadata {
	md := v1Metadata{startTs: ts}
	if ts != 0 && dur != 0 {
		md.endTs = ts + dur
	}
	var msTs, wsTs, wrTs, mrTs int64
	kind := s.Kind
	// Core annotations already on the span may hold better timestamps, or the kind.
	for _, a := range s.Annotations {
		at := timeMicros(a.Timestamp)
		switch a.Value {
		case "cs", "sr":
			kind = model.Client
			if a.Value == "sr" {
				kind = model.Server
			}
			md.startTs = min(md.startTs, at)
		case "cr", "ss":
			kind = model.Client
			if a.Value == "ss" {
				kind = model.Server
			}
			md.endTs = max(md.endTs, at)
		case "ms":
			kind, msTs = model.Producer, at
		case "mr":
			kind, mrTs = model.Consumer, at
		case "ws":
			wsTs = at
		case "wr":
			wrTs = at
		}
	}
	hasRemote := normalEndpoint(s.RemoteEndpoint) != nil
	if hasRemote {
		md.addr = "sa" // the default when there is no kind
	}
	switch kind {
	case model.Client:
		md.addr, md.begin, md.end = "sa", "cs", "cr"
	case model.Server:
		md.addr, md.begin, md.end = "ca", "sr", "ss"
	case model.Producer:
		md.addr, md.begin, md.end = "ma", "ms", "ws"
		if md.startTs == 0 || (msTs != 0 && msTs < md.startTs) {
			md.startTs = msTs
		}
		if md.endTs == 0 || (wsTs != 0 && wsTs > md.endTs) {
			md.endTs = wsTs
		}
	case model.Consumer:
		md.addr = "ma"
		if md.startTs == 0 || (wrTs != 0 && wrTs < md.startTs) {
			md.startTs = wrTs
		}
		if md.endTs == 0 || (mrTs != 0 && mrTs > md.endTs) {
			md.endTs = mrTs
		}
		if md.endTs != 0 || wrTs != 0 {
			md.begin, md.end = "wr", "mr"
		} else {
			md.begin = "mr"
		}
	default:
		return md
	}
	if !hasRemote {
		md.addr = ""
	}
	return md
}

// spanMicros is the span's timestamp and duration in µs exactly as zipkin-go's
// SpanModel.MarshalJSON writes them (rounded, a positive duration under 1µs
// is 1), with its errors.
func spanMicros(s model.SpanModel) (ts, dur int64, err error) {
	if !s.Timestamp.IsZero() {
		if s.Timestamp.Unix() < 1 {
			return 0, 0, model.ErrValidTimestampRequired
		}
		ts = timeMicros(s.Timestamp)
	}
	switch {
	case s.Duration < 0:
		return 0, 0, model.ErrValidDurationRequired
	case s.Duration > 0 && s.Duration < time.Microsecond:
		dur = 1
	default:
		dur = int64((s.Duration + 500*time.Nanosecond) / time.Microsecond)
	}
	return ts, dur, nil
}

// timeMicros is an annotation's timestamp as zipkin-go writes it.
func timeMicros(t time.Time) int64 {
	return t.Round(time.Microsecond).UnixNano() / 1e3
}

// v1JSONSpan is a v1 span on the wire, fields in the order Zipkin writes them.
type v1JSONSpan struct {
	TraceID           string              `json:"traceId"`
	ParentID          string              `json:"parentId,omitempty"`
	ID                string              `json:"id"`
	Name              string              `json:"name"`
	Timestamp         int64               `json:"timestamp,omitempty"`
	Duration          int64               `json:"duration,omitempty"`
	Annotations       []v1JSONAnnotation  `json:"annotations,omitempty"`
	BinaryAnnotations []v1JSONBinaryAnnot `json:"binaryAnnotations,omitempty"`
	Debug             bool                `json:"debug,omitempty"`
}

type v1JSONAnnotation struct {
	Timestamp int64           `json:"timestamp"`
	Value     string          `json:"value"`
	Endpoint  *v1JSONEndpoint `json:"endpoint,omitempty"`
}

type v1JSONBinaryAnnot struct {
	Key      string          `json:"key"`
	Value    string          `json:"value"`
	Endpoint *v1JSONEndpoint `json:"endpoint,omitempty"`
}

// v1JSONEndpoint always has a serviceName, "" when unknown, as v1 readers
// require one.
type v1JSONEndpoint struct {
	ServiceName string `json:"serviceName"`
	IPv4        string `json:"ipv4,omitempty"`
	IPv6        string `json:"ipv6,omitempty"`
	Port        uint16 `json:"port,omitempty"`
}

func v1JSON(s v1Span) v1JSONSpan {
	out := v1JSONSpan{
		TraceID: model.TraceID{High: s.TraceIDHigh, Low: s.TraceID}.String(),
		ID:      model.ID(s.ID).String(),
		Name:    s.Name, Timestamp: s.Timestamp, Duration: s.Duration, Debug: s.Debug,
	}
	if s.ParentID != 0 {
		out.ParentID = model.ID(s.ParentID).String()
	}
	for _, a := range s.Annotations {
		out.Annotations = append(out.Annotations, v1JSONAnnotation{a.Timestamp, a.Value, v1JSONEndpointOf(a.Endpoint)})
	}
	for _, b := range s.BinaryAnnotations {
		value := b.Value
		if b.Address {
			value = "true" // see V1JSONSerializer: a string, for Jaeger
		}
		out.BinaryAnnotations = append(out.BinaryAnnotations, v1JSONBinaryAnnot{b.Key, value, v1JSONEndpointOf(b.Endpoint)})
	}
	return out
}

func v1JSONEndpointOf(e *model.Endpoint) *v1JSONEndpoint {
	if e == nil {
		return nil
	}
	out := &v1JSONEndpoint{ServiceName: e.ServiceName, Port: e.Port}
	if e.IPv4 != nil {
		out.IPv4 = e.IPv4.String()
	}
	if e.IPv6 != nil {
		out.IPv6 = e.IPv6.String()
	}
	return out
}

// Path is where Zipkin's collector takes v1 spans.
const Path = "/api/v1/spans"
