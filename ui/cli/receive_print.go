package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// printBuffer is how many lines receive holds for a slow stdout.
const printBuffer = 4096

// printDrain is how long receive waits, when stopping, for stdout to take
// the lines still buffered.
const printDrain = time.Second

// linePrinter writes lines to a writer from a bounded buffer on its own
// goroutine, so a slow or blocked reader never stalls the receiver (and the
// senders waiting for its 202): lines that do not fit are dropped and
// counted. Spans are never dropped, only their printed lines.
type linePrinter struct {
	w       io.Writer
	notes   bool // write a note into the stream after a gap
	lines   chan string
	done    chan struct{}
	dropped atomic.Int64

	mu     sync.Mutex
	closed bool
}

func newLinePrinter(w io.Writer, size int, notes bool) *linePrinter {
	p := &linePrinter{w: w, notes: notes, lines: make(chan string, size), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *linePrinter) run() {
	defer close(p.done)
	var noted int64
	for line := range p.lines {
		if d := p.dropped.Load(); p.notes && d > noted {
			fmt.Fprintf(p.w, "receive: %d lines dropped so far: stdout is not keeping up\n", d)
			noted = d
		}
		_, _ = io.WriteString(p.w, line)
	}
}

// Print queues a line, or drops and counts it when the buffer is full.
func (p *linePrinter) Print(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		p.dropped.Add(1)
		return
	}
	select {
	case p.lines <- line:
	default:
		p.dropped.Add(1)
	}
}

// Close stops taking lines and waits up to wait for the rest to be written;
// it returns the number of lines dropped, those still unwritten included.
func (p *linePrinter) Close(wait time.Duration) int64 {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.lines)
	}
	p.mu.Unlock()
	select {
	case <-p.done:
	case <-time.After(wait):
		p.dropped.Add(int64(len(p.lines)))
	}
	return p.dropped.Load()
}

// spanLine is one received span as receive prints it: text with everything
// from outside sanitised, or one line of Zipkin v2 JSON.
func spanLine(sp model.SpanModel, asJSON bool) string {
	if asJSON {
		b, err := receiver.MarshalSpanJSON(sp)
		if err != nil {
			return fmt.Sprintf(`{"traceId":%q,"id":%q,"error":%q}`+"\n", sp.TraceID, sp.ID, err.Error())
		}
		return jsonTerminalSafe(string(b)) + "\n"
	}
	parent := "-"
	if sp.ParentID != nil {
		parent = sp.ParentID.String()
	}
	service := "-"
	if sp.LocalEndpoint != nil && sp.LocalEndpoint.ServiceName != "" {
		service = secret.Sanitize(sp.LocalEndpoint.ServiceName)
	}
	kind := string(sp.Kind)
	if kind == "" {
		kind = "-"
	}
	at := "--:--:--.---" // a span may come without timestamp
	if !sp.Timestamp.IsZero() {
		at = sp.Timestamp.Format("15:04:05.000")
	}
	return fmt.Sprintf("%s %s %s parent=%s %s \"%s\" kind=%s duration=%s tags=%d annotations=%d\n",
		at, sp.TraceID, sp.ID, parent, service, secret.Sanitize(sp.Name), secret.Sanitize(kind),
		outbox.FormatLatency(sp.Duration), len(sp.Tags), len(sp.Annotations))
}

// jsonTerminalSafe escapes, as \uXXXX, the characters encoding/json leaves
// raw that a terminal may act on (DEL, C1 controls such as the one-byte CSI,
// bidi overrides); JSON only has them inside strings, so it stays valid.
func jsonTerminalSafe(s string) string {
	if !strings.ContainsFunc(s, needsJSONEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsJSONEscape(r) {
			if r > 0xffff { // outside the BMP: a surrogate pair
				r1, r2 := utf16Pair(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
				continue
			}
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsJSONEscape(r rune) bool {
	return r >= 0x7f && r != utf8.RuneError && !unicode.IsPrint(r)
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
