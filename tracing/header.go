package tracing

import (
	"strings"

	"zipkin-playground/tracing/secret"
)

// ParseHeader parses "Name: value" and checks that both parts can travel in
// an HTTP request (see ValidateHeader).
func ParseHeader(s string) (secret.Header, error) {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		// The length, not the text: it may be a token.
		return secret.Header{}, configErr(FieldHeader, "wants 'Name: value', got a value without a name (%d characters)", len(s))
	}
	h := secret.Header{Name: name, Value: strings.Trim(value, " \t")}
	return h, ValidateHeader(h)
}

// ValidateHeader refuses what net/http would reject on every POST later: a
// name that is not an RFC 9110 token, or a value with a control character
// (CR and LF included, which would split the header). The value is never
// quoted in the error: it is a secret.
func ValidateHeader(h secret.Header) error {
	if h.Name == "" {
		return configErr(FieldHeader, "has an empty name")
	}
	for i := 0; i < len(h.Name); i++ {
		if !isTokenChar(h.Name[i]) {
			return configErr(FieldHeader, "name %q has a character not allowed in a header name (%q)", h.Name, h.Name[i])
		}
	}
	for i := 0; i < len(h.Value); i++ {
		if c := h.Value[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return configErr(FieldHeader, "%s: the value has a control character (byte %d of %d); CR and LF are not allowed", h.Name, i+1, len(h.Value))
		}
	}
	return nil
}

func validateHeaders(hs []secret.Header) error {
	for _, h := range hs {
		if err := ValidateHeader(h); err != nil {
			return err
		}
	}
	return nil
}

// isTokenChar is RFC 9110's tchar: the characters of a header name.
func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// hasControl reports an ASCII control character or DEL.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return true
		}
	}
	return false
}
