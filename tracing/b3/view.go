package b3

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"
	"google.golang.org/grpc/metadata"
)

// Format is how a span context is shown as propagation headers.
type Format int

// The B3 views, in the order the b key cycles them.
const (
	Multi Format = iota
	Single
	Both
	GRPC
)

var b3FormatNames = []string{"multi", "single", "both", "grpc"}

// String is the flag spelling of the format.
func (f Format) String() string {
	if int(f) < len(b3FormatNames) {
		return b3FormatNames[f]
	}
	return "multi"
}

// Next is the format after f in the cycle multi → single → both → gRPC.
func (f Format) Next() Format { return (f + 1) % Format(len(b3FormatNames)) }

// ParseFormat parses --b3: multi, single or both (and grpc for the view).
func ParseFormat(s string) (Format, error) {
	for i, n := range b3FormatNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Format(i), nil
		}
	}
	return Multi, fmt.Errorf("B3 format %q: use multi, single or both", s)
}

// HeaderLine is one propagation header as a person reads it.
type HeaderLine struct {
	Name  string
	Value string
}

// specNames are the header names as the B3 spec spells them, in the order they
// are shown. Go's http.Header canonicalises x-b3-traceid to X-B3-Traceid.
var specNames = []struct{ key, spec string }{
	{b3.TraceID, "X-B3-TraceId"},
	{b3.SpanID, "X-B3-SpanId"},
	{b3.ParentSpanID, "X-B3-ParentSpanId"},
	{b3.Sampled, "X-B3-Sampled"},
	{b3.Flags, "X-B3-Flags"},
	{b3.Context, "b3"},
}

// Headers returns what zipkin-go's injector writes for sc in format f, read
// back from a real http.Request (or gRPC metadata.MD), never formatted by hand.
func Headers(sc model.SpanContext, f Format) ([]HeaderLine, error) {
	if f == GRPC {
		md := metadata.MD{}
		if err := b3.InjectGRPC(&md)(sc); err != nil {
			return nil, err
		}
		var lines []HeaderLine
		for _, n := range specNames {
			if v := b3.GetGRPCHeader(&md, n.key); v != "" {
				lines = append(lines, HeaderLine{Name: n.key, Value: v})
			}
		}
		return lines, nil
	}
	req, err := http.NewRequest(http.MethodGet, "http://example.invalid/", nil)
	if err != nil {
		return nil, err
	}
	var opts []b3.InjectOption
	switch f {
	case Single:
		opts = append(opts, b3.WithSingleHeaderOnly())
	case Both:
		opts = append(opts, b3.WithSingleAndMultiHeader())
	}
	if err := b3.InjectHTTP(req, opts...)(sc); err != nil {
		return nil, err
	}
	var lines []HeaderLine
	for _, n := range specNames {
		if v := req.Header.Get(n.key); v != "" {
			lines = append(lines, HeaderLine{Name: n.spec, Value: v})
		}
	}
	return lines, nil
}

// extractB3 runs zipkin-go's extractor. Its single-header parser (v0.4.3)
// slices past the end of some truncated values, such as a 128-bit trace ID
// followed by "-" alone; a half-pasted header must be an error, not a crash.
func extractB3(req *http.Request) (sc *model.SpanContext, err error) {
	defer func() {
		if recover() != nil {
			sc, err = nil, errors.New("the b3 value is cut short: want {TraceId}-{SpanId}[-{1|0|d}[-{ParentSpanId}]]")
		}
	}()
	return b3.ExtractHTTP(req)()
}
