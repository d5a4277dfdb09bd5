package tracing

import (
	"fmt"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/secret"
)

// ReportedSpans are the models of every finished sampled span in tree order:
// what was, or will be, sent.
func (s *Session) ReportedSpans() []*model.SpanModel {
	var out []*model.SpanModel
	for _, n := range s.tree.Nodes() {
		if n.Reported != nil {
			out = append(out, n.Reported)
		}
	}
	return out
}

// ExportJSON is the Zipkin v2 JSON list of ReportedSpans, written by
// zipkin-go's JSON serializer (Zipkin Lens can upload it).
func (s *Session) ExportJSON() ([]byte, error) {
	spans := s.ReportedSpans()
	if spans == nil {
		spans = []*model.SpanModel{}
	}
	return reporter.JSONSerializer{}.Serialize(spans)
}

// CurlCommand is the curl command that POSTs file (the exported JSON) the way
// the outbox does, secrets masked unless reveal.
func (s *Session) CurlCommand(file string, reveal bool) string {
	var b strings.Builder
	s.curlPost(&b, "application/json", reveal)
	fmt.Fprintf(&b, "  --data-binary @%s", shellQuote(file))
	return b.String()
}

// curlPost writes the start of a curl command that POSTs to the endpoint
// with the headers the outbox sends, secrets masked unless reveal; the data
// argument is the caller's.
func (s *Session) curlPost(b *strings.Builder, contentType string, reveal bool) {
	fmt.Fprintf(b, "curl -sS -X POST %s \\\n", shellQuote(s.endpoint.Display(reveal)))
	fmt.Fprintf(b, "  -H %s \\\n", shellQuote("Content-Type: "+contentType))
	fmt.Fprintf(b, "  -H %s \\\n", shellQuote("b3: 0"))
	for _, h := range s.cfg.Headers {
		v := h.Value
		if !reveal {
			v = secret.MaskText
		}
		fmt.Fprintf(b, "  -H %s \\\n", shellQuote(h.Name+": "+v))
	}
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
