package secret

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestSanitizeLinesKeepsLinesAndTabs(t *testing.T) {
	t.Parallel()
	in := "a\tb\x1b[2J\nc\u009bd\u202e\n"
	if got, want := SanitizeLines(in), "a\tb\\x1b[2J\nc\\x9bd\\u202e\n"; got != want {
		t.Errorf("SanitizeLines(%q) = %q, want %q", in, got, want)
	}
}

// FuzzSanitizeJSON: the encoder's output, sanitised, is still JSON with the
// same meaning, and has no raw ESC, DEL or C1 control.
func FuzzSanitizeJSON(f *testing.F) {
	for _, seed := range []string{"plain", "\x1b]0;t\x07", "\u009b31m", "\x9b", "\u202e\U000e0001\x7f"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc, err := json.MarshalIndent(map[string]any{"k" + s: []string{s}}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		out := SanitizeJSON(enc)
		var before, after any
		if err := json.Unmarshal(enc, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &after); err != nil {
			t.Fatalf("not JSON after sanitising: %v\n%q", err, out)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("meaning changed: %q → %q", enc, out)
		}
		for _, r := range string(out) {
			if r == 0x1b || (r >= 0x7f && r <= 0x9f) {
				t.Fatalf("raw %U in %q", r, out)
			}
		}
	})
}
