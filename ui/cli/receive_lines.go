package cli

import (
	"bufio"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// printQueueBytes bounds the lines receive holds for stdout: enough for
// seconds of a burst, so a file or a pipe that is read keeps every line.
const printQueueBytes = 32 << 20

// printWriteBuffer is the size of stdout's write buffer: one write call per
// buffer, not per line.
const printWriteBuffer = 1 << 20

// printStall is how long stdout may take no bytes before lines are dropped:
// a reader that is merely slower than the burst is waited for.
const printStall = 2 * time.Second

// printDrain is how long receive waits, when stopping, for a stdout that
// takes nothing to take the lines still queued; one that makes progress is
// waited for until done.
const printDrain = printStall

// linePrinter writes lines to a writer from a bounded queue on its own
// goroutine, through a large buffer flushed whenever the queue is empty. A
// full queue makes Print wait while the writer makes progress, so a slow file
// or pipe only slows the senders; when stdout has taken nothing for
// printStall (nobody reads it) lines are dropped and counted instead, so the
// senders waiting for their 202 are never stalled for long. Spans are never
// dropped, only their printed lines.
type linePrinter struct {
	w        *bufio.Writer
	notes    bool // write a note into the stream after a gap
	stall    time.Duration
	done     chan struct{}
	dropped  atomic.Int64
	written  atomic.Int64
	progress atomic.Int64 // unix nanoseconds of the writer's last progress

	mu      sync.Mutex
	queue   []string
	bytes   int
	queued  int64
	wake    chan struct{} // a token when the queue gains lines or closes
	room    chan struct{} // closed when the writer takes the queue
	closed  bool
	maxSize int
}

func newLinePrinter(w io.Writer, notes bool) *linePrinter {
	p := &linePrinter{
		w: bufio.NewWriterSize(w, printWriteBuffer), notes: notes, stall: printStall,
		done: make(chan struct{}), wake: make(chan struct{}, 1), room: make(chan struct{}),
		maxSize: printQueueBytes,
	}
	p.progress.Store(time.Now().UnixNano())
	go p.run()
	return p
}

func (p *linePrinter) run() {
	defer close(p.done)
	var noted int64
	var batch []string
	for {
		batch = p.take(batch[:0])
		if batch == nil {
			_ = p.w.Flush()
			return
		}
		for i, line := range batch {
			if d := p.dropped.Load(); p.notes && d > noted {
				fmt.Fprintf(p.w, "receive: %d lines dropped so far: stdout is not keeping up\n", d)
				noted = d
			}
			_, _ = p.w.WriteString(line)
			batch[i] = ""
			p.written.Add(1)
			p.progress.Store(time.Now().UnixNano())
		}
		if p.idle() {
			_ = p.w.Flush() // nothing more to come yet: let the reader see the lines
			p.progress.Store(time.Now().UnixNano())
		}
	}
}

// take waits for queued lines and hands them over (appended to into), or nil
// once closed and empty.
func (p *linePrinter) take(into []string) []string {
	for {
		p.mu.Lock()
		if len(p.queue) > 0 {
			into = append(into, p.queue...)
			clear(p.queue)
			p.queue, p.bytes = p.queue[:0], 0
			close(p.room)
			p.room = make(chan struct{})
			p.mu.Unlock()
			return into
		}
		closed := p.closed
		p.mu.Unlock()
		if closed {
			return nil
		}
		<-p.wake
	}
}

func (p *linePrinter) idle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue) == 0
}

// stalled reports whether the writer has taken nothing for p.stall.
func (p *linePrinter) stalled() bool {
	return time.Since(time.Unix(0, p.progress.Load())) > p.stall
}

// Print queues a line. When the queue is full it waits for room while the
// writer makes progress, and drops and counts the line once it has stalled.
func (p *linePrinter) Print(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.closed && p.bytes+len(line) > p.maxSize && len(p.queue) > 0 {
		if p.stalled() {
			break
		}
		room := p.room
		p.mu.Unlock()
		select {
		case <-room:
		case <-time.After(p.stall / 10):
		}
		p.mu.Lock()
	}
	if p.closed || (p.bytes+len(line) > p.maxSize && len(p.queue) > 0) {
		p.dropped.Add(1)
		return
	}
	p.queue = append(p.queue, line)
	p.bytes += len(line)
	p.queued++
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Close stops taking lines and waits for the rest to be written while the
// writer makes progress (giving up after wait without any); it returns the
// number of lines dropped, those left unwritten included.
func (p *linePrinter) Close(wait time.Duration) int64 {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
	queued := p.queued
	p.mu.Unlock()
	tick := time.NewTicker(max(wait/10, time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			return p.dropped.Load()
		case <-tick.C:
		}
		if time.Since(time.Unix(0, p.progress.Load())) > wait {
			return p.dropped.Load() + queued - p.written.Load()
		}
	}
}
