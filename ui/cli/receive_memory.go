package cli

import (
	"math"
	"runtime/debug"
	"time"
)

// receiveHeadroom is what receive needs beyond what it stores: the bodies
// being decoded (4 at a time, up to 16 MiB each, with their decoded copies)
// and the answers being encoded.
const receiveHeadroom = 192 << 20

// limitMemory sets Go's soft memory limit to the byte budget plus headroom,
// so the garbage collector runs harder as the store nears its budget instead
// of letting garbage double the heap; it returns the function that restores
// the previous limit. The budget stays what bounds memory: this only keeps
// garbage from adding to it.
func limitMemory(maxBytes int) func() {
	if maxBytes <= 0 || maxBytes > math.MaxInt64-receiveHeadroom {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(maxBytes) + receiveHeadroom)
	return func() { debug.SetMemoryLimit(prev) }
}

// idleRelease is how long receive waits after the last arrival before it
// gives the memory the burst's garbage held back to the system.
const idleRelease = 500 * time.Millisecond

// releaseWhenIdle returns freed memory to the system once arrivals pause for
// idleRelease, so that between bursts the process holds what it stores, not
// the garbage of decoding; it stops when done is closed.
func releaseWhenIdle(updated func() <-chan struct{}, done <-chan struct{}) {
	for {
		select {
		case <-updated():
		case <-done:
			return
		}
		for quiet := false; !quiet; {
			select {
			case <-updated():
			case <-time.After(idleRelease):
				quiet = true
			case <-done:
				return
			}
		}
		debug.FreeOSMemory()
	}
}
