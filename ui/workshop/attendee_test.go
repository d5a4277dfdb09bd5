package workshop

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func TestInputIsSlowedPastTheRate(t *testing.T) {
	t.Parallel()
	const size = 4 * inputBurst // a paste of 64 KiB, read at once
	in := newLimitedInput(bytes.NewReader(make([]byte, size)))
	var waited time.Duration
	clock := in.last
	in.now = func() time.Time { return clock }
	in.sleep = func(d time.Duration) { waited += d; clock = clock.Add(d) }
	n, err := io.Copy(io.Discard, in)
	if n != size || err != nil {
		t.Fatalf("read %d bytes, %v", n, err)
	}
	// The burst passes at once; the rest waits at inputPerSecond.
	want := time.Duration(float64(size-inputBurst) / inputPerSecond * float64(time.Second))
	if waited < want*9/10 || waited > want*11/10 {
		t.Errorf("waited %v for %d bytes, want about %v", waited, size, want)
	}
}
