package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zipkin-playground/tracing"
)

// slowFile is a file whose every write call costs a little time, as a busy
// disk or a pipe read by a slow consumer does: slower than a burst, never
// stalled.
type slowFile struct{ *os.File }

func (f slowFile) Write(p []byte) (int, error) {
	time.Sleep(50 * time.Microsecond)
	return f.File.Write(p)
}

// `receive --json > file` during a burst keeps every line: a file is slower
// than a burst for moments, never stalled, so nothing may be dropped.
func TestReceiveJSONToFileLosesNoLine(t *testing.T) {
	t.Parallel()
	f, err := os.Create(filepath.Join(t.TempDir(), "spans.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts := Options{Config: tracing.DefaultConfig(), JSON: true}
	opts.Config.Listen = "127.0.0.1:0"
	stderr := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	ready, code := make(chan string, 1), make(chan int, 1)
	go func() {
		code <- receive(ctx, opts, Env{Stdout: slowFile{f}, Stderr: stderr}, func(u string) { ready <- u })
	}()
	url := <-ready
	const senders, batches, perBatch = 4, 25, 1000 // 100,000 lines
	var wg sync.WaitGroup
	for s := 0; s < senders; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := 0; b < batches; b++ {
				resp, err := http.Post(url, "application/json", bytes.NewReader(spansBody(uint64(s*batches+b+1), perBatch)))
				if err != nil || resp.StatusCode != 202 {
					t.Errorf("POST: %v %v", resp, err)
					return
				}
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	cancel()
	if c := <-code; c != ExitOK {
		t.Fatalf("exit %d: %s", c, stderr)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	lines := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), `{"traceId":`) {
			t.Fatalf("line %d: %q", lines+1, sc.Text())
		}
		lines++
	}
	if want := senders * batches * perBatch; lines != want || strings.Contains(stderr.String(), "dropped") {
		t.Errorf("%d lines in the file, want %d; stderr: %s", lines, want, stderr)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("received %d spans", senders*batches*perBatch)) {
		t.Errorf("stderr: %s", stderr)
	}
}
