package b3

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"
)

// A B3 paste is checked field by field against the b3-propagation spec before
// zipkin-go's extractor reads it: zipkin-go accepts uppercase hex, other
// separators and odd lengths, and a learner must be told what the spec says.

// b3Field is one header of the spec with its rule.
type b3Field struct {
	spec  string // the spec's spelling
	check func(string) error
}

var errNeedIDs = errors.New("B3 headers: a trace ID and a span ID are needed to continue a trace (b3: {TraceId}-{SpanId}-1, or X-B3-TraceId and X-B3-SpanId)")

var b3Fields = map[string]b3Field{
	strings.ToLower(b3.TraceID):      {"X-B3-TraceId", checkTraceID},
	strings.ToLower(b3.SpanID):       {"X-B3-SpanId", func(v string) error { return checkHexID(v, "a span ID") }},
	strings.ToLower(b3.ParentSpanID): {"X-B3-ParentSpanId", checkParentID},
	strings.ToLower(b3.Sampled):      {"X-B3-Sampled", checkSampled},
	strings.ToLower(b3.Flags):        {"X-B3-Flags", checkFlags},
	strings.ToLower(b3.Context):      {"b3", checkSingle},
}

// ParseText reads a span context from pasted headers: "Name: value" lines
// separated by new lines or ";" (multi or single form, names in any case), or
// a bare single-header value "{TraceId}-{SpanId}[-{1|0|d}[-{ParentSpanId}]]".
// Each value must be what the B3 spec allows (lower-hex IDs of exact length,
// "-" separators, no all-zero IDs); the first of repeated headers wins, and
// the single header wins over the multi ones, as in the spec. zipkin-go's
// extractor then builds the context.
func ParseText(text string) (model.SpanContext, error) {
	headers, err := b3HeaderLines(text)
	if err != nil {
		return model.SpanContext{}, err
	}
	req, _ := http.NewRequest(http.MethodGet, "http://example.invalid/", nil)
	for name, value := range headers {
		req.Header.Set(name, value)
	}
	sc, err := extractB3(req)
	if err != nil {
		return model.SpanContext{}, fmt.Errorf("B3 headers: %w", err)
	}
	if sc != nil && sc.TraceID.Empty() && sc.ID == 0 && (sc.Sampled != nil || sc.Debug) {
		return *sc, nil // "b3: 0", "b3: d": the caller's decision alone starts a trace
	}
	if sc == nil || sc.TraceID.Empty() || sc.ID == 0 {
		return model.SpanContext{}, errNeedIDs
	}
	return *sc, nil
}

// b3HeaderLines splits a paste into the B3 headers it holds (lowercase names),
// each checked.
func b3HeaderLines(text string) (map[string]string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, errors.New("no B3 headers given")
	}
	lines := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' })
	if len(lines) == 1 && !strings.Contains(text, ":") {
		lines = []string{"b3: " + text} // a bare single-header value
	}
	headers := map[string]string{}
	for _, line := range lines {
		name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		field, known := b3Fields[name]
		if !ok || !known {
			continue // other headers of a pasted request are not B3's business
		}
		if _, repeated := headers[name]; repeated {
			continue // the first of repeated headers wins
		}
		if err := field.check(value); err != nil {
			return nil, fmt.Errorf("%s %q: %w", field.spec, value, err)
		}
		headers[name] = value
	}
	if len(headers) == 0 {
		return nil, errors.New("no B3 header found: paste lines such as \"b3: {TraceId}-{SpanId}-1\" or \"X-B3-TraceId: …\"")
	}
	if _, single := headers[b3.Context]; single {
		if err := agree(headers); err != nil {
			return nil, err
		}
		return map[string]string{b3.Context: headers[b3.Context]}, nil
	}
	if headers[strings.ToLower(b3.TraceID)] == "" || headers[strings.ToLower(b3.SpanID)] == "" {
		if _, decided := headers[strings.ToLower(b3.Sampled)]; decided && len(headers) == 1 {
			return headers, nil // a sampling decision alone: a new trace, as the caller decided
		}
		return nil, errNeedIDs
	}
	return headers, nil
}

// agree refuses a paste whose single b3 header and X-B3-… headers name
// different spans: the single one would win silently, and the person would
// continue a trace they did not mean.
func agree(headers map[string]string) error {
	parts := strings.Split(headers[b3.Context], "-")
	if len(parts) < 2 {
		return nil
	}
	for i, name := range []string{b3.TraceID, b3.SpanID} {
		lower := strings.ToLower(name)
		if multi, ok := headers[lower]; ok && multi != parts[i] {
			return fmt.Errorf("b3 and %s disagree (%s vs %s): paste one form, the single b3 header or the X-B3-… headers",
				b3Fields[lower].spec, parts[i], multi)
		}
	}
	return nil
}

func checkTraceID(v string) error {
	if len(v) != 16 && len(v) != 32 {
		if err := lowerHex(v); err != nil {
			return err
		}
		return fmt.Errorf("a trace ID is 16 or 32 lower-hex digits, this has %d", len(v))
	}
	return nonZeroHex(v, "trace ID")
}

func checkHexID(v, what string) error {
	if len(v) != 16 {
		if err := lowerHex(v); err != nil {
			return err
		}
		return fmt.Errorf("%s is 16 lower-hex digits, this has %d", what, len(v))
	}
	return nonZeroHex(v, strings.TrimPrefix(what, "a "))
}

func checkParentID(v string) error {
	if err := checkHexID(v, "a parent span ID"); err != nil {
		if strings.Trim(v, "0") == "" && len(v) == 16 {
			return errors.New("a parent ID of all zeros is invalid: a root span sends no parent header")
		}
		return err
	}
	return nil
}

func checkSampled(v string) error {
	switch v {
	case "1", "0", "true", "false": // the spec asks to accept the old true/false
		return nil
	}
	return errors.New("X-B3-Sampled is 1 (sampled) or 0 (not sampled)")
}

func checkFlags(v string) error {
	if v != "1" {
		return errors.New("X-B3-Flags is 1 (debug) or absent")
	}
	return nil
}

// checkSingle checks b3: {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]],
// or a sampling state alone.
func checkSingle(v string) error {
	if strings.ContainsAny(v, "_ ,.:") {
		return errors.New(`the fields of b3 are separated by "-" only`)
	}
	parts := strings.Split(v, "-")
	if len(parts) == 1 {
		if v == "0" || v == "1" || v == "d" {
			return nil // a sampling decision without IDs
		}
	}
	if len(parts) < 2 || len(parts) > 4 {
		return fmt.Errorf("b3 is {TraceId}-{SpanId}[-{1|0|d}[-{ParentSpanId}]]: this has %d fields", len(parts))
	}
	if err := checkTraceID(parts[0]); err != nil {
		return fmt.Errorf("trace ID: %w", err)
	}
	if err := checkHexID(parts[1], "a span ID"); err != nil {
		return fmt.Errorf("span ID: %w", err)
	}
	if len(parts) > 2 && parts[2] != "1" && parts[2] != "0" && parts[2] != "d" {
		if len(parts[2]) == 16 && len(parts) == 3 {
			return errors.New("the third field is the sampling state (1, 0 or d): a parent ID comes fourth")
		}
		return fmt.Errorf("sampling state %q: use 1 (sampled), 0 (not sampled) or d (debug)", parts[2])
	}
	if len(parts) == 4 {
		if err := checkParentID(parts[3]); err != nil {
			return fmt.Errorf("parent span ID: %w", err)
		}
	}
	return nil
}

func lowerHex(v string) error {
	if v == "" {
		return errors.New("it is empty")
	}
	for i, r := range v {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f':
		case r >= 'A' && r <= 'F':
			return fmt.Errorf("%q at position %d is uppercase: B3 IDs are lower-hex", r, i+1)
		default:
			return fmt.Errorf("%q at position %d is not a hex digit", r, i+1)
		}
	}
	return nil
}

func nonZeroHex(v, what string) error {
	if err := lowerHex(v); err != nil {
		return err
	}
	if strings.Trim(v, "0") == "" {
		return fmt.Errorf("a %s of all zeros is invalid", what)
	}
	return nil
}
