package component

import (
	"strings"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/secret"
)

// Live checks for prompts: (note, error). An error refuses enter.

func checkTag(s string) (string, string) {
	k, _, ok := strings.Cut(s, "=")
	switch {
	case !ok:
		return "", "a tag is key=value: the = is missing"
	case strings.TrimSpace(k) == "":
		return "", "a tag needs a key before the ="
	}
	return "", ""
}

func checkNonEmpty(msg string) func(string) (string, string) {
	return func(s string) (string, string) {
		if strings.TrimSpace(s) == "" {
			return "", msg
		}
		return "", ""
	}
}

func checkEndpoint(s string) (string, string) {
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

func checkSamplerParam(kind tracing.SamplerKind) func(string) (string, string) {
	return func(s string) (string, string) {
		if _, err := tracing.ParseSamplerSpec(string(kind) + ":" + strings.TrimSpace(s)); err != nil {
			return "", err.Error()
		}
		return "", ""
	}
}

func checkB3(s string) (string, string) {
	if strings.TrimSpace(s) == "" {
		return "", "paste the b3 header, or the X-B3-TraceId and X-B3-SpanId lines"
	}
	sc, err := b3.ParseText(s)
	if err != nil {
		return "", err.Error()
	}
	return b3Preview(sc), ""
}
