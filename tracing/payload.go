package tracing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/wire"
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
	// Note says what the preview shows in place of a binary body ("" for a
	// text body, shown as it is).
	Note string
	// Running is set when the span is not finished: the model is built from
	// the span's fields as they are now (zipkin-go makes the real one when the
	// span finishes, with its final duration, and only then is it sent).
	Running bool
}

// Binary reports a body that is not text (proto3).
func (p Payload) Binary() bool { return p.Encoding.Codec().Preview.Binary }

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
	codec := enc.Codec()
	body, err := codec.Serializer.Serialize([]*model.SpanModel{m})
	if err != nil {
		return Payload{}, outbox.SpanProblem(*m, err)
	}
	p := Payload{Encoding: enc, ContentType: codec.ContentType, Body: body, Running: running}
	p.Note = previewNote(codec.Preview, len(body), n.Context.ParentID == nil)
	if s.cfg.Gzip {
		if p.Gzipped, err = outbox.Gzip(body); err != nil {
			return Payload{}, err
		}
	}
	p.JSON, err = indentedJSON(codec.Preview, body)
	return p, err
}

// previewNote is what a preview says of a body it does not show as it is.
func previewNote(pv wire.Preview, size int, root bool) string {
	if pv.Note == "" {
		return ""
	}
	note := fmt.Sprintf(pv.Note, size)
	if root && pv.RootNote != "" {
		note += "\n" + pv.RootNote
	}
	return note
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

// indentedJSON is the body as the preview shows it: the JSON it is, or the
// JSON its encoding reads it back as.
func indentedJSON(pv wire.Preview, body []byte) (string, error) {
	if pv.AsJSON != nil {
		var err error
		if body, err = pv.AsJSON(body); err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	if err := json.Indent(&b, body, "", "  "); err != nil {
		return "", err
	}
	return b.String(), nil
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
