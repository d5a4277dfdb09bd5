package secret

import "testing"

func TestSanitize(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"plain", "GET /api/users", "GET /api/users"},
		{"empty", "", ""},
		{"clear screen", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"retitle (OSC)", "\x1b]0;pwned\x07x", `\x1b]0;pwned\x07x`},
		{"newline tab cr", "a\nb\tc\rd", `a\nb\tc\rd`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"C1 CSI", "a\u009b2Jb", `a\x9b2Jb`},
		{"invalid UTF-8", "a\xffb", `a\xffb`},
		{"bidi override", "abc\u202edcba", `abc\u202edcba`},
		{"zero width space", "a\u200bb", `a\u200bb`},
		{"unicode kept", "café ÜBER 東京 🚀", "café ÜBER 東京 🚀"},
		{"backslash kept", `C:\path`, `C:\path`},
	} {
		if have := Sanitize(c.in); have != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", c.name, c.in, have, c.want)
		}
	}
}

func TestSanitizeLeavesNoEscapeByte(t *testing.T) {
	t.Parallel()
	for i := 0; i < 0x100; i++ {
		in := "x" + string(rune(i)) + string([]byte{byte(i)}) + "y"
		for _, c := range []byte(Sanitize(in)) {
			if c < 0x20 || c == 0x7f {
				t.Fatalf("Sanitize(%q) kept control byte %#x", in, c)
			}
		}
	}
}
