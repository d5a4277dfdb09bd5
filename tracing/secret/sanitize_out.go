package secret

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// SanitizeLines is Sanitize for a text of several lines: its line breaks and
// tabs are kept, everything else from outside is made safe as Sanitize does.
func SanitizeLines(s string) string {
	if isPlainText(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		cells := strings.Split(line, "\t")
		for j, c := range cells {
			cells[j] = Sanitize(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}

// isPlainText: printable ASCII, line breaks and tabs only.
func isPlainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// SanitizeJSON makes encoding/json's output safe on a terminal and still the
// same JSON: the encoder escapes C0 controls but writes DEL, C1 controls
// (U+009B is a CSI to many terminals), bidi overrides and other invisible
// characters raw; each becomes a \uXXXX escape, and an invalid byte \ufffd.
// Outside strings JSON has only ASCII, so only string contents change.
func SanitizeJSON(b []byte) []byte {
	if isPlainText(string(b)) {
		return b
	}
	var out strings.Builder
	out.Grow(len(b) + 16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out.WriteString(`\ufffd`)
		case r >= 0x7f && !unicode.IsPrint(r):
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				fmt.Fprintf(&out, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&out, `\u%04x`, r)
			}
		default:
			out.Write(b[i : i+size])
		}
		i += size
	}
	return []byte(out.String())
}
