package settings

import (
	"fmt"
	"strings"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/wire"
)

// The encoding setting's texts and choices, read from the encoding table:
// a new row there is a new choice here.

// encodingDefault is the default as usage says it: json, and each path's own
// default where it differs ("v1 when the path is /api/v1/spans").
func encodingDefault() string {
	fallback := wire.SendCodecs()[0]
	text := string(fallback.Name)
	for _, p := range wire.SpanPaths() {
		if cs := wire.ForPath(p); len(cs) > 0 && cs[0].Name != fallback.Name {
			text += fmt.Sprintf(" (%s when the path is %s)", cs[0].Name, p)
		}
	}
	return text
}

// encodingList is every encoding the outbox sends, as a sentence: "json
// (Zipkin v2 JSON), proto (Zipkin v2 proto3) or v1 (Zipkin v1 JSON, for
// /api/v1/spans)".
func encodingList() string {
	cs := wire.SendCodecs()
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s (%s%s)", c.Name, c.Title, pathNote(c))
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// encodingChoices are the choices O offers: each encoding the outbox sends.
func encodingChoices() []Choice {
	var out []Choice
	for _, c := range wire.SendCodecs() {
		note := c.Title
		if c.Source != "" {
			note += " (" + c.Source + ")"
		}
		out = append(out, Choice{string(c.Name), note + pathNote(c)})
	}
	return out
}

// pathNote names the paths of an encoding the default's path does not take.
func pathNote(c wire.Codec) string {
	if c.Accepts(wire.SendCodecs()[0].Paths[0]) {
		return ""
	}
	return ", for " + strings.Join(c.Paths, " and ")
}

// encodingValue says when the endpoint's path chose the encoding rather than
// the person ("v1 (the /api/v1/spans path)").
func encodingValue(c tracing.Config) string {
	path := tracing.SpansPath(c.Endpoint)
	if cs := wire.ForPath(path); path != "" && len(cs) > 0 && cs[0].Name == c.Encoding && cs[0].Name != wire.SendCodecs()[0].Name {
		return fmt.Sprintf("%s (the %s path)", c.Encoding, path)
	}
	return string(c.Encoding)
}
