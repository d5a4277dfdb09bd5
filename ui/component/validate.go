package component

import (
	"strings"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/secret"
)

// Live checks for prompts: (note, error). An error refuses enter.

// CheckTag refuses a tag that is not key=value.
func CheckTag(s string) (string, string) {
	k, _, ok := strings.Cut(s, "=")
	switch {
	case !ok:
		return "", "a tag is key=value: the = is missing"
	case strings.TrimSpace(k) == "":
		return "", "a tag needs a key before the ="
	}
	return "", ""
}

// CheckNonEmpty refuses empty text, saying msg.
func CheckNonEmpty(msg string) func(string) (string, string) {
	return func(s string) (string, string) {
		if strings.TrimSpace(s) == "" {
			return "", msg
		}
		return "", ""
	}
}

// CheckEndpoint says where an endpoint sends, or why it cannot be read.
func CheckEndpoint(s string) (string, string) {
	if secret.IsLocalSpec(s) {
		return "the embedded receiver on 127.0.0.1 (works offline)", ""
	}
	if strings.Contains(s, secret.MaskText) {
		return "masked: {Accept} keeps the current endpoint", ""
	}
	ep, err := secret.ParseEndpoint(s)
	if err != nil {
		return "", err.Error()
	}
	return strings.Join(ep.Warnings, "; "), ""
}

// CheckSamplerParam refuses a parameter a sampler of that kind cannot take.
func CheckSamplerParam(kind tracing.SamplerKind) func(string) (string, string) {
	return func(s string) (string, string) {
		if _, err := tracing.ParseSamplerSpec(string(kind) + ":" + strings.TrimSpace(s)); err != nil {
			return "", err.Error()
		}
		return "", ""
	}
}

// CheckB3 says what a pasted B3 header was understood as, or why it
// cannot be read.
func CheckB3(s string) (string, string) {
	if strings.TrimSpace(s) == "" {
		return "", "paste the b3 header, or the X-B3-TraceId and X-B3-SpanId lines"
	}
	sc, err := b3.ParseText(s)
	if err != nil {
		return "", err.Error()
	}
	return b3Preview(sc), ""
}
