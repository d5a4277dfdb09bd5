package tracing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/outbox"
)

// errNotSampled is the payload error of a span whose trace is not sampled:
// zipkin-go never reports it, so nothing is ever sent.
var errNotSampled = errors.New("this trace is not sampled: zipkin-go never reports its spans, nothing is sent")

// Payload is a span as the outbox POSTs it: the body of a one-span list,
// serialized by the encoding's serializer (zipkin-go's for v2, ours for v1).
// In a flush the span travels in a batch with others; its bytes in the list
// are the same.
type Payload struct {
	Encoding    outbox.Encoding
	ContentType string
	// Body is the exact bytes.
	Body []byte
	// JSON is Body as indented JSON; for proto, the same spans read back by
	// zipkin-go's proto3 decoder and written as Zipkin v2 JSON (the wire is
	// binary).
	JSON string
	// Gzipped is the body gzipped as the outbox sends it when the session
	// gzips (Content-Encoding: gzip), nil otherwise.
	Gzipped []byte
	// Running is set when the span is not finished: the model is built from
	// the span's fields as they are now (zipkin-go makes the real one when the
	// span finishes, with its final duration, and only then is it sent).
	Running bool
}

// Binary reports a body that is not text (proto3).
func (p Payload) Binary() bool { return p.Encoding == outbox.EncodingProto }

// Payload is what n is, was or would be sent as with the outbox's current
// encoding. A running span's payload is built at now.
func (s *Session) Payload(n *Node, now time.Time) (Payload, error) {
	if n == nil {
		return Payload{}, errNoSpan
	}
	if !n.Sampled() {
		return Payload{}, errNotSampled
	}
	m, running := n.Reported, false
	if m == nil {
		preview := runningModel(n, now)
		m, running = &preview, true
	}
	enc := s.outbox.Encoding()
	ser := enc.Serializer()
	body, err := ser.Serialize([]*model.SpanModel{m})
	if err != nil {
		return Payload{}, outbox.SpanProblem(*m, err)
	}
	p := Payload{Encoding: enc, ContentType: ser.ContentType(), Body: body, Running: running}
	if s.cfg.Gzip {
		if p.Gzipped, err = outbox.Gzip(body); err != nil {
			return Payload{}, err
		}
	}
	p.JSON, err = indentedJSON(enc, body)
	return p, err
}

// runningModel is the model zipkin-go would report for n if it finished at
// now: its context, name, kind, endpoints, tags and annotations so far.
func runningModel(n *Node, now time.Time) model.SpanModel {
	tags := make(map[string]string, len(n.Tags))
	for k, v := range n.Tags {
		tags[k] = v
	}
	return model.SpanModel{
		SpanContext:    n.Context,
		Name:           n.Name,
		Kind:           n.Kind,
		Timestamp:      n.Start,
		Duration:       max(now.Sub(n.Start), time.Microsecond),
		Shared:         n.Key.Shared,
		LocalEndpoint:  n.LocalEndpoint,
		RemoteEndpoint: n.RemoteEndpoint,
		Annotations:    append([]model.Annotation(nil), n.Annotations...),
		Tags:           tags,
	}
}

func indentedJSON(enc outbox.Encoding, body []byte) (string, error) {
	if enc == outbox.EncodingProto {
		var err error
		if body, err = protoAsJSON(body); err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	if err := json.Indent(&b, body, "", "  "); err != nil {
		return "", err
	}
	return b.String(), nil
}

// protoAsJSON reads a proto3 body back with zipkin-go's decoder and writes
// it as Zipkin v2 JSON, keeping what the wire says: zipkin-go's JSON
// serializer lowercases span and service names (proto3 keeps their case),
// and its decoder reads the 8 zero bytes the encoder writes for a root's
// parent_id as a parent of ID 0, which Zipkin reads as no parent.
func protoAsJSON(body []byte) ([]byte, error) {
	spans, err := zipkin_proto3.ParseSpans(body, false)
	if err != nil {
		return nil, fmt.Errorf("reading the proto3 body back: %w", err)
	}
	for _, sp := range spans {
		if sp.ParentID != nil && *sp.ParentID == 0 {
			sp.ParentID = nil
		}
		if sp.Kind == "SPAN_KIND_UNSPECIFIED" {
			sp.Kind = model.Undetermined
		}
	}
	js, err := (reporter.JSONSerializer{}).Serialize(spans)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil || len(objs) != len(spans) {
		return nil, fmt.Errorf("reading zipkin-go's JSON back: %v", err)
	}
	for i, sp := range spans {
		objs[i]["name"] = sp.Name
		restoreService(objs[i], "localEndpoint", sp.LocalEndpoint)
		restoreService(objs[i], "remoteEndpoint", sp.RemoteEndpoint)
	}
	return json.Marshal(objs)
}

func restoreService(obj map[string]any, key string, ep *model.Endpoint) {
	if m, ok := obj[key].(map[string]any); ok && ep != nil && ep.ServiceName != "" {
		m["serviceName"] = ep.ServiceName
	}
}

// CurlFor is the curl command that POSTs p to the endpoint exactly as the
// outbox does (same headers, same bytes), secrets masked unless reveal. A
// JSON body is given inline; a binary one through printf's octal escapes. A
// gzipped payload is piped through gzip and sent with Content-Encoding:
// gzip (curl's --compressed asks for a compressed answer; it does not
// compress what it sends).
func (s *Session) CurlFor(p Payload, reveal bool) string {
	var b strings.Builder
	if p.Gzipped != nil {
		data := "'%s' " + shellQuote(string(p.Body))
		if p.Binary() {
			data = shellQuote(octalEscapes(p.Body))
		}
		fmt.Fprintf(&b, "printf %s | gzip -c | \\\n", data)
		s.curlPost(&b, p.ContentType, reveal)
		fmt.Fprintf(&b, "  -H %s \\\n  --data-binary @-", shellQuote("Content-Encoding: gzip"))
		return b.String()
	}
	if p.Binary() {
		fmt.Fprintf(&b, "printf %s | \\\n", shellQuote(octalEscapes(p.Body)))
	}
	s.curlPost(&b, p.ContentType, reveal)
	if p.Binary() {
		b.WriteString("  --data-binary @-")
	} else {
		fmt.Fprintf(&b, "  --data-raw %s", shellQuote(string(p.Body)))
	}
	return b.String()
}

// octalEscapes writes every byte as \NNN, which POSIX printf turns back into
// the same bytes.
func octalEscapes(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		fmt.Fprintf(&b, `\%03o`, c)
	}
	return b.String()
}
