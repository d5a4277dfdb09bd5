package decode

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/openzipkin/zipkin-go/model"
)

// pickWalkerV2 is the walker for a v2 JSON body: fastWalkJSONV2 when the
// whole body is in the plain form it reads (what zipkin-go, Brave, zipkin-js
// and OpenTelemetry send), else walkJSONV2, which decodes every valid body
// through zipkin-go's model and words every error as Zipkin does. Both make
// the same spans of a body the fast one reads.
func pickWalkerV2(data []byte) func([]byte, func(model.SpanModel)) error {
	if fastWalkJSONV2(data, func(model.SpanModel) {}) == nil {
		return fastWalkJSONV2
	}
	return walkJSONV2
}

// errNotPlain is the fast reader's "not in my form": never shown, the body
// goes to walkJSONV2.
type errNotPlain struct{}

func (errNotPlain) Error() string { return "not plain v2 JSON" }

// fastWalkJSONV2 reads a v2 JSON list one span at a time, without
// reflection, as walkJSONV2 would: the known keys once each, strings,
// unsigned integers, booleans, no nulls. Anything else is errNotPlain.
func fastWalkJSONV2(data []byte, fn func(model.SpanModel)) error {
	p := jsonParser{b: data}
	if !p.consume('[') {
		return errNotPlain{}
	}
	if p.consume(']') {
		return p.end()
	}
	for {
		s, ok := p.span()
		if !ok {
			return errNotPlain{}
		}
		fn(s)
		if p.consume(']') {
			return p.end()
		}
		if !p.consume(',') {
			return errNotPlain{}
		}
	}
}

type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\t' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *jsonParser) consume(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonParser) end() error {
	if p.ws(); p.i != len(p.b) {
		return errNotPlain{}
	}
	return nil
}

// object reads {"key": value, …}, calling field for each key (its bytes,
// valid until the next read) with the parser on its value; field reports
// whether it read it.
func (p *jsonParser) object(field func(key []byte) bool) bool {
	if !p.consume('{') {
		return false
	}
	if p.consume('}') {
		return true
	}
	for {
		key, ok := p.key()
		if !ok || !p.consume(':') || !field(key) {
			return false
		}
		if p.consume('}') {
			return true
		}
		if !p.consume(',') {
			return false
		}
	}
}

// key reads an object's key: without escapes, its bytes in the body.
func (p *jsonParser) key() ([]byte, bool) {
	if !p.consume('"') {
		return nil, false
	}
	start := p.i
	for ; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c == '\\', c < 0x20, c >= utf8.RuneSelf:
			p.i = start - 1
			s, ok := p.str()
			return []byte(s), ok
		}
	}
	return nil, false
}

// fieldBits are the keys of a span and of an endpoint, each a bit.
var fieldBits = func() map[string]uint32 {
	m := map[string]uint32{}
	for i, k := range []string{"traceId", "id", "parentId", "kind", "name", "timestamp", "duration", "debug",
		"shared", "localEndpoint", "remoteEndpoint", "annotations", "tags", "serviceName", "ipv4", "ipv6", "port"} {
		m[k] = 1 << i
	}
	return m
}()

// once reports whether bit (0: an unknown key) is not yet in *seen, and
// adds it.
func once(seen *uint32, bit uint32) bool {
	if bit == 0 || *seen&bit != 0 {
		return false
	}
	*seen |= bit
	return true
}

// str reads a string of valid UTF-8 with JSON's escapes.
func (p *jsonParser) str() (string, bool) {
	if !p.consume('"') {
		return "", false
	}
	start, plain, ascii := p.i, true, true
	for ; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '"':
			raw := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(raw) {
				return "", false
			}
			if plain {
				return string(raw), true
			}
			return unescapeSimple(raw)
		case c == '\\':
			plain = false
			p.i++
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

// unescapeSimple resolves JSON's escapes as encoding/json does (a lone
// surrogate is U+FFFD).
func unescapeSimple(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i == len(raw) {
			return "", false
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw[i+1:])
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if r2, ok := hex4(raw[i+3:]); ok {
						if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
							out = utf8.AppendRune(out, dec)
							i += 6
							continue
						}
					}
				}
				r = unicode.ReplacementChar
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return string(out), true
}

// hex4 reads the 4 hex digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	v, ok := parseHex(string(b[:4]))
	return rune(v), ok
}

// uint reads an unsigned integer of at most 19 digits (no sign, fraction,
// exponent or leading zero).
func (p *jsonParser) uint() (uint64, bool) {
	p.ws()
	start := p.i
	var v uint64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		v = v*10 + uint64(p.b[p.i]-'0')
		p.i++
	}
	n := p.i - start
	if n == 0 || n > 19 || (n > 1 && p.b[start] == '0') {
		return 0, false
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return 0, false
	}
	return v, true
}

func (p *jsonParser) boolean() (bool, bool) {
	p.ws()
	for _, lit := range []string{"true", "false"} {
		if len(p.b)-p.i >= len(lit) && string(p.b[p.i:p.i+len(lit)]) == lit {
			p.i += len(lit)
			return lit == "true", true
		}
	}
	return false, false
}

func parseHex(s string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint64(c)
	}
	return v, true
}
