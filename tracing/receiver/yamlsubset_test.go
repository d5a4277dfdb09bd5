package receiver

import (
	"fmt"
	"strconv"
	"strings"
)

// readYAMLSubset reads the YAML that zipkin2-api.yaml is written in: block
// mappings and sequences by indentation, quoted and plain scalars, block
// scalars (| and >, kept as text), full-line comments. It is not a YAML
// parser; it fails on what it does not know rather than guess.
func readYAMLSubset(text string) (any, error) {
	var lines []yamlLine
	for _, raw := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(raw, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		lines = append(lines, yamlLine{indent: len(raw) - len(trimmed), text: strings.TrimRight(trimmed, " ")})
	}
	p := &yamlReader{lines: lines}
	v, err := p.block(0)
	if err == nil && p.i < len(p.lines) {
		err = fmt.Errorf("line %q: unexpected indentation", p.lines[p.i].text)
	}
	return v, err
}

type yamlLine struct {
	indent int
	text   string
}

type yamlReader struct {
	lines []yamlLine
	i     int
}

func isSeqItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

func (p *yamlReader) block(indent int) (any, error) {
	if p.i >= len(p.lines) {
		return nil, nil
	}
	if isSeqItem(p.lines[p.i].text) {
		return p.sequence(p.lines[p.i].indent)
	}
	return p.mapping(p.lines[p.i].indent)
}

func (p *yamlReader) mapping(indent int) (map[string]any, error) {
	out := map[string]any{}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && !isSeqItem(p.lines[p.i].text) {
		key, rest, err := splitKey(p.lines[p.i].text)
		if err != nil {
			return nil, err
		}
		p.i++
		switch {
		case rest == "":
			if p.i < len(p.lines) && (p.lines[p.i].indent > indent || (p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text))) {
				if out[key], err = p.block(p.lines[p.i].indent); err != nil {
					return nil, err
				}
			} else {
				out[key] = nil
			}
		case strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, ">"):
			out[key] = p.skipMore(indent)
		default:
			out[key] = scalar(rest)
			p.skipMore(indent) // a plain scalar continued on more-indented lines
		}
	}
	return out, nil
}

// skipMore consumes the lines indented beyond indent, returning their text.
func (p *yamlReader) skipMore(indent int) string {
	var text []string
	for p.i < len(p.lines) && p.lines[p.i].indent > indent {
		text = append(text, p.lines[p.i].text)
		p.i++
	}
	return strings.Join(text, "\n")
}

func (p *yamlReader) sequence(indent int) ([]any, error) {
	out := []any{}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text) {
		rest := strings.TrimSpace(strings.TrimPrefix(p.lines[p.i].text, "-"))
		switch _, _, err := splitKey(rest); {
		case rest == "":
			p.i++
			v, err := p.block(indent + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		case err == nil:
			// "- key: value" opens a mapping indented as its first key.
			p.lines[p.i] = yamlLine{indent: indent + 2, text: rest}
			v, err := p.mapping(indent + 2)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		default:
			p.i++
			out = append(out, scalar(rest))
		}
	}
	return out, nil
}

// splitKey splits "key: value" (the key maybe quoted).
func splitKey(s string) (key, rest string, err error) {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, `'`) {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 || !strings.HasPrefix(s[end+2:], ":") {
			return "", "", fmt.Errorf("line %q: not a key", s)
		}
		return s[1 : end+1], strings.TrimSpace(s[end+3:]), nil
	}
	if strings.HasSuffix(s, ":") {
		return s[:len(s)-1], "", nil
	}
	i := strings.Index(s, ": ")
	if i < 0 {
		return "", "", fmt.Errorf("line %q: not a key", s)
	}
	return s[:i], strings.TrimSpace(s[i+2:]), nil
}

func scalar(s string) any {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}
