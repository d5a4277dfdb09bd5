package workshop

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// frameCounter is a terminal that counts output and signals each write.
type frameCounter struct {
	mu    sync.Mutex
	n     int
	in    io.WriteCloser
	wrote chan struct{}
	ready chan struct{} // closed at the first frame
	once  sync.Once
}

func (f *frameCounter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("\x1b[c")) { // answer as a terminal does
		go io.WriteString(f.in, "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;22c")
	}
	f.mu.Lock()
	f.n += len(p)
	f.mu.Unlock()
	if bytes.Contains(p, []byte("Welcome")) {
		f.once.Do(func() { close(f.ready) })
	}
	select {
	case f.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (f *frameCounter) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// BenchmarkKeyToFrame20 is the time from a key sent by one attendee to the
// first bytes of the next frame, with 20 attendees connected (the others
// idle), over SSH on loopback. It also reports the Go heap each connected
// attendee adds (server and client side both: both run in this process).
func BenchmarkKeyToFrame20(b *testing.B) {
	const attendees = 20
	o := Options{SSH: "127.0.0.1:0", MaxAttendees: attendees, HostKey: filepath.Join(b.TempDir(), "k")}
	s, err := Start(defaultTestConfig(), o, func(string, ...any) {})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	terms := make([]*frameCounter, attendees)
	for i := range terms {
		c, err := gossh.Dial("tcp", s.Addr().String(), &gossh.ClientConfig{User: fmt.Sprintf("a%d", i), HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		ses, _ := c.NewSession()
		f := &frameCounter{wrote: make(chan struct{}, 1), ready: make(chan struct{})}
		ses.Stdout = f
		f.in, _ = ses.StdinPipe()
		if err := ses.RequestPty("xterm-256color", 24, 80, nil); err != nil {
			b.Fatal(err)
		}
		if err := ses.Shell(); err != nil {
			b.Fatal(err)
		}
		terms[i] = f
	}
	for _, f := range terms {
		<-f.ready
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heapPerAttendee := (float64(after.HeapInuse) - float64(before.HeapInuse)) / attendees

	f := terms[0]
	keys := []string{"b", "b", "b", "b"} // the B3 view cycles: each key changes the frame
	b.ResetTimer()
	for i := range b.N {
		for len(f.wrote) > 0 {
			<-f.wrote
		}
		start := f.count()
		io.WriteString(f.in, keys[i%len(keys)])
		for f.count() == start {
			<-f.wrote
		}
		b.StopTimer()
		time.Sleep(10 * time.Millisecond) // one key at a time, as a person types
		b.StartTimer()
	}
	b.ReportMetric(heapPerAttendee, "heap-B/attendee") // after ResetTimer, which clears metrics
}
