package settings

import "testing"

func TestParseSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"268435456": 256 << 20, "256MiB": 256 << 20, "256m": 256 << 20, " 1GiB ": 1 << 30, "64kib": 64 << 10, "2T": 2 << 40, "10b": 10} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MiB", "-1MiB", "1.5GiB", "9999999999999TiB", "12 apples"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) took it", bad)
		}
	}
}
