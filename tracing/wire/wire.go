package wire

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/decode"
	"zipkin-playground/tracing/encode"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/zipkinv1"
)

// Encoding is the wire format of a POST, by its name in the codecs table.
type Encoding string

// The encodings the outbox sends, by name; everything else about them is
// their row in codecs.
const (
	JSON  Encoding = "json"
	Proto Encoding = "proto"
	V1    Encoding = "v1" // Zipkin v1 JSON, for /api/v1/spans (V1JSONSerializer)
)

// Codec is everything the playground knows about one wire format: how the
// encoding setting names it, how the outbox writes it, where a collector
// takes it, how the receiver reads it and how a preview shows it. Adding an
// encoding is a row of codecs plus its serializer and decoder.
type Codec struct {
	// Name is the encoding setting's value; Aliases are other spellings the
	// setting takes.
	Name    Encoding
	Aliases []string
	// Title says what the format is, as messages name it ("Zipkin v2 JSON");
	// Source says where its bytes come from, as the settings screen offers it
	// ("" to say nothing more).
	Title, Source string
	// ContentType is the Content-Type the outbox POSTs it with.
	ContentType string
	// Marker is the word in a POST's Content-Type that picks this format on
	// its paths, as Zipkin's collector tests for it; "" for the format a path
	// reads when no other's marker is there.
	Marker string
	// Paths are the collector paths that take it.
	Paths []string
	// Version is the Zipkin model the format carries (1 or 2).
	Version int
	// Serializer writes it (zipkin-go's, or ours where zipkin-go has none);
	// nil for a format the receiver reads and the outbox never sends.
	Serializer reporter.SpanSerializer
	// Decode reads a POSTed body as Zipkin's collector does.
	Decode decode.Func
	// Preview is how a payload preview shows the bytes.
	Preview Preview
	// KeepsCase is set when span and service names go out as typed:
	// zipkin-go's JSON serializer (and our v1 JSON) lowercase them.
	KeepsCase bool
	// Truncates is set when the serializer truncates durations and
	// annotation timestamps to whole microseconds; the JSON ones round.
	Truncates bool
	// MergesShared is set when a shared SERVER span whose CLIENT span is in
	// the same batch goes out inside it (v1 has one span per RPC).
	MergesShared bool
}

// Preview is how a payload preview shows a body.
type Preview struct {
	// Binary is set when the body is not text: a preview or curl command
	// cannot show it as it is.
	Binary bool
	// AsJSON turns the body into the JSON a preview shows; nil when the
	// body is JSON already.
	AsJSON func(body []byte) ([]byte, error)
	// Note says what a preview shows instead of the bytes (%d: the body's
	// size); RootNote is added for a root span. "" when there is nothing to say.
	Note, RootNote string
}

// codecs is every wire format, the outbox's default first. A format's
// Marker must be unique on its paths, and each path has one row without one.
var codecs = []Codec{
	{Name: JSON, Title: "Zipkin v2 JSON", Source: "zipkin-go's JSON serializer",
		ContentType: "application/json", Paths: []string{secret.V2Path}, Version: 2,
		Serializer: encode.JSONV2{}, // zipkin-go's JSONSerializer's bytes, faster
		Decode:     decode.JSONV2},
	{Name: Proto, Aliases: []string{"proto3", "protobuf"}, Title: "Zipkin v2 proto3", Source: "zipkin-go's proto3 serializer; binary",
		ContentType: "application/x-protobuf", Marker: "protobuf", Paths: []string{secret.V2Path}, Version: 2,
		Serializer: zipkin_proto3.SpanSerializer{}, Decode: decode.Proto3,
		Preview: Preview{Binary: true, AsJSON: protoAsJSON,
			Note:     "The wire is binary proto3 (%d bytes); below, the same span read back by zipkin-go's proto3 decoder, as Zipkin v2 JSON.",
			RootNote: "A root's parent_id travels as 8 zero bytes (zipkin-go's encoder); Zipkin reads them as no parent."},
		KeepsCase: true, Truncates: true},
	{Name: V1, Title: "Zipkin v1 JSON",
		ContentType: "application/json", Paths: []string{zipkinv1.Path}, Version: 1,
		Serializer: zipkinv1.V1JSONSerializer{}, Decode: decode.V1JSON, MergesShared: true},
	{Name: "thrift", Title: "Zipkin v1 Thrift",
		ContentType: "application/x-thrift", Marker: "thrift", Paths: []string{zipkinv1.Path}, Version: 1,
		Decode: decode.V1Thrift},
}

// Codecs is every wire format the playground reads, the outbox's default
// first; Sends tells those the outbox writes.
func Codecs() []Codec { return append([]Codec(nil), codecs...) }

// Sends reports whether the outbox can write the format.
func (c Codec) Sends() bool { return c.Serializer != nil }

// Accepts reports whether a collector takes the format on path.
func (c Codec) Accepts(path string) bool {
	return slices.Contains(c.Paths, path)
}

// Codec is e's row; the outbox's default (json) for a name no sendable row
// has, as the outbox sends when no encoding is set.
func (e Encoding) Codec() Codec {
	for _, c := range codecs {
		if c.Name == e && c.Sends() {
			return c
		}
	}
	return codecs[0]
}

// Serializer is the encoding's serializer, as its row names it.
func (e Encoding) Serializer() reporter.SpanSerializer { return e.Codec().Serializer }

// Parse parses an encoding name (or alias) of a format the outbox
// sends; "" is the default.
func Parse(s string) (Encoding, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return codecs[0].Name, nil
	}
	for _, c := range SendCodecs() {
		if string(c.Name) == s || slices.Contains(c.Aliases, s) {
			return c.Name, nil
		}
	}
	return "", fmt.Errorf("encoding %q: use %s", s, EncodingNames(SendCodecs()))
}

// SendCodecs are the formats the outbox writes, the default first.
func SendCodecs() []Codec {
	var out []Codec
	for _, c := range codecs {
		if c.Sends() {
			out = append(out, c)
		}
	}
	return out
}

// EncodingNames are the codecs' names as a sentence reads them: "json, proto
// or v1".
func EncodingNames(cs []Codec) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c.Name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// SpanPaths are the collector paths some format is POSTed to, in the
// table's order.
func SpanPaths() []string {
	var out []string
	for _, c := range codecs {
		for _, p := range c.Paths {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// PathOf is the collector path an endpoint URL's path ends in, or "" when it
// ends in none.
func PathOf(urlPath string) string {
	urlPath = strings.TrimSuffix(urlPath, "/")
	for _, p := range SpanPaths() {
		if strings.HasSuffix(urlPath, p) {
			return p
		}
	}
	return ""
}

// ForBody is the format of a body POSTed to path with the Content-Type
// contentType, as Zipkin's collector picks it: the row of path whose Marker
// the Content-Type holds, else path's row without a marker. ok is false for a
// path no format is POSTed to.
func ForBody(path, contentType string) (c Codec, ok bool) {
	contentType = strings.ToLower(contentType)
	for _, row := range codecs {
		if row.Accepts(path) && row.Marker != "" && strings.Contains(contentType, row.Marker) {
			return row, true
		}
	}
	for _, row := range codecs {
		if row.Accepts(path) && row.Marker == "" {
			return row, true
		}
	}
	return Codec{}, false
}

// ForPath are the formats the outbox can send to path, its default (the one
// without a marker) first.
func ForPath(path string) []Codec {
	var out []Codec
	for _, c := range SendCodecs() {
		if c.Accepts(path) {
			if c.Marker == "" {
				out = append([]Codec{c}, out...)
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}
