package encode

import (
	"strconv"
	"testing"
)

// appendMicros writes what strconv.AppendInt writes, at the edges of its
// 16-digit path too.
func TestAppendMicrosIsAppendInt(t *testing.T) {
	t.Parallel()
	for _, v := range []int64{0, 1, 999, 1e15 - 1, 1e15, 1e15 + 1, 1700000000123456, 1765000000000000, 1e16 - 1, 1e16, 1<<63 - 1} {
		if got, want := string(appendMicros([]byte("x"), v)), "x"+strconv.FormatInt(v, 10); got != want {
			t.Errorf("%d: got %s, want %s", v, got, want)
		}
	}
}
