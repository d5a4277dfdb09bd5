package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// blockingWriter is a stdout nobody reads: Write blocks until released.
type blockingWriter struct{ release chan struct{} }

func (w blockingWriter) Write(p []byte) (int, error) {
	<-w.release
	return len(p), nil
}

// syncBuffer is a bytes.Buffer safe for the receive goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startReceive runs receive on a free port until the returned stop is called;
// stop returns its exit code.
func startReceive(t *testing.T, stdout *syncBuffer, out ...blockingWriter) (url string, stderr *syncBuffer, stop func() int) {
	t.Helper()
	opts := Options{Config: tracing.DefaultConfig()}
	opts.Config.Listen = "127.0.0.1:0"
	env := Env{Stdout: stdout, Stderr: &syncBuffer{}}
	if len(out) > 0 {
		env.Stdout = out[0]
		env.printDrain = 200 * time.Millisecond // it never takes a byte: 2 s would tell no more
	}
	stderr = env.Stderr.(*syncBuffer)
	ctx, cancel := context.WithCancel(context.Background())
	ready, code := make(chan string, 1), make(chan int, 1)
	go func() { code <- receive(ctx, opts, env, func(u string) { ready <- u }) }()
	select {
	case url = <-ready:
	case c := <-code:
		t.Fatalf("receive exited %d: %s", c, stderr)
	}
	return url, stderr, func() int { cancel(); return <-code }
}

func spansBody(traceLow uint64, n int) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"traceId":"%016x","id":"%016x","name":"s","timestamp":1700000000000000,"duration":1,"localEndpoint":{"serviceName":"svc"}}`, traceLow, i+1)
	}
	b.WriteString("]")
	return []byte(b.String())
}

// A stdout nobody reads must not stall the senders: every POST still gets
// its 202 promptly, lines are dropped and the count printed at the end.
func TestReceiveDoesNotStallOnBlockedStdout(t *testing.T) {
	t.Parallel()
	w := blockingWriter{release: make(chan struct{})}
	defer close(w.release)
	url, stderr, stop := startReceive(t, nil, w)
	client := &http.Client{Timeout: 5 * time.Second}
	const batches, perBatch = 60, 100 // 6,000 lines, more than the buffer holds
	for i := 0; i < batches; i++ {
		resp, err := client.Post(url, "application/json", bytes.NewReader(spansBody(uint64(i+1), perBatch)))
		if err != nil || resp.StatusCode != 202 {
			t.Fatalf("POST %d with stdout blocked: %v %v", i, resp, err)
		}
		resp.Body.Close()
	}
	if code := stop(); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	msg := stderr.String()
	if !strings.Contains(msg, fmt.Sprintf("received %d spans", batches*perBatch)) || !strings.Contains(msg, "dropped ") {
		t.Errorf("stderr: %s", msg)
	}
}

func TestReceivePrintsSanitisedLines(t *testing.T) {
	t.Parallel()
	var stdout syncBuffer
	url, _, stop := startReceive(t, &stdout)
	body := `[{"traceId":"00000000000000aa","id":"0000000000000001","name":"x\u001b[2J","localEndpoint":{"serviceName":"evil\u001b]0;pwned\u0007"}}]`
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 202 {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	stop()
	out := stdout.String()
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) ||
		!strings.Contains(out, `"x\x1b[2j"`) || !strings.Contains(out, `evil\x1b]0;pwned\x07`) {
		t.Errorf("printed %q", out)
	}
	if !strings.Contains(out, "--:--:--.---") {
		t.Errorf("a span without timestamp printed with a made-up time: %q", out)
	}
}

func TestSpanLineJSONIsValidAndTerminalSafe(t *testing.T) {
	t.Parallel()
	sp := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2},
		Name: "a\u009b2Jb\u202ec\x7f", Timestamp: time.Unix(0, 0)} // epoch zero: zipkin-go's MarshalJSON fails
	line := spanLine(sp, true)
	for _, bad := range []string{"\u009b", "\u202e", "\x7f"} {
		if strings.Contains(line, bad) {
			t.Errorf("raw %q in %s", bad, line)
		}
	}
	var back struct{ Name string }
	if err := json.Unmarshal([]byte(line), &back); err != nil || back.Name != sp.Name {
		t.Errorf("%s: %v, name %q", line, err, back.Name)
	}
}

func TestReceiveListenUnusableExits2(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, addr := range []string{taken.Addr().String(), "127.0.0.1:abc"} {
		opts := Options{Config: tracing.DefaultConfig()}
		opts.Config.Listen = addr
		var stdout, stderr syncBuffer
		code := receive(context.Background(), opts, Env{Stdout: &stdout, Stderr: &stderr}, nil)
		if code != ExitUsage || !strings.Contains(stderr.String(), addr) {
			t.Errorf("--listen %s: exit %d, %q", addr, code, stderr.String())
		}
	}
}

func TestReceiveWarnsBeyondLoopback(t *testing.T) {
	t.Parallel()
	opts := Options{Config: tracing.DefaultConfig()}
	opts.Config.Listen = "0.0.0.0:0"
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- receive(ctx, opts, Env{Stdout: &stdout, Stderr: &stderr}, func(string) { cancel() }) }()
	if c := <-code; c != ExitOK || !strings.Contains(stderr.String(), "warning: ") || !strings.Contains(stderr.String(), "no authentication") {
		t.Errorf("exit %d, stderr %q", c, stderr.String())
	}
}
