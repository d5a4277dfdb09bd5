// Package jaegertest runs a real Jaeger v2 for end-to-end tests and reads
// traces back from its query API.
//
// The binary is built (or reused from the cache) by .ci/jaeger-build. Jaeger
// binds fixed ports, so a cross-process file lock lets only one test binary
// run it at a time even when `go test ./...` runs packages in parallel.
package jaegertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ports of Jaeger's all-in-one configuration.
const (
	ZipkinURL = "http://127.0.0.1:9411/api/v2/spans"
	QueryURL  = "http://127.0.0.1:16686"
	healthURL = "http://127.0.0.1:13133/status"
)

// Jaeger is a running Jaeger all-in-one.
type Jaeger struct {
	cmd  *exec.Cmd
	log  *os.File
	lock *os.File
}

// Start builds or reuses the binary, starts it and waits until it is healthy.
// It fails the test, saying why, when any step fails; it never skips.
func Start(t testing.TB) *Jaeger {
	t.Helper()
	lock, err := lockPorts()
	if err != nil {
		t.Fatalf("jaegertest: %v", err)
	}
	bin, err := Binary()
	if err != nil {
		lock.Close()
		t.Fatalf("jaegertest: cannot build Jaeger: %v", err)
	}
	if portsBusy() {
		lock.Close()
		t.Fatalf("jaegertest: port 9411 or 16686 is already in use; stop what listens there (another Jaeger or zipkin-playground)")
	}
	logf, err := os.CreateTemp("", "jaeger-*.log")
	if err != nil {
		lock.Close()
		t.Fatalf("jaegertest: %v", err)
	}
	cmd := exec.Command(bin)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		lock.Close()
		t.Fatalf("jaegertest: cannot start %s: %v", bin, err)
	}
	j := &Jaeger{cmd: cmd, log: logf, lock: lock}
	t.Cleanup(j.Stop)
	if err := waitHealthy(60 * time.Second); err != nil {
		t.Fatalf("jaegertest: Jaeger did not become healthy: %v\nlast log lines:\n%s", err, j.tail())
	}
	return j
}

// Stop sends SIGTERM, waits a few seconds, then SIGKILLs: Jaeger's graceful
// shutdown can stall for minutes.
func (j *Jaeger) Stop() {
	if j.cmd == nil {
		return
	}
	done := make(chan struct{})
	go func() { j.cmd.Wait(); close(done) }()
	syscall.Kill(-j.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		syscall.Kill(-j.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	j.cmd = nil
	j.log.Close()
	os.Remove(j.log.Name())
	j.lock.Close() // releases the flock
}

func (j *Jaeger) tail() string {
	b, _ := os.ReadFile(j.log.Name())
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return strings.Join(lines, "\n")
}

// Binary runs .ci/jaeger-build from the repository root and returns the path
// it prints.
func Binary() (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(filepath.Join(root, ".ci", "jaeger-build"))
	cmd.Dir = root
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ".ci", "jaeger-build")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New(".ci/jaeger-build not found above the working directory")
		}
		dir = parent
	}
}

func lockPorts() (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "zipkin-playground-jaeger.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func portsBusy() bool {
	for _, u := range []string{"http://127.0.0.1:9411/", QueryURL + "/"} {
		c := http.Client{Timeout: 500 * time.Millisecond}
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
			return true
		}
	}
	return false
}

func waitHealthy(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		c := http.Client{Timeout: time.Second}
		resp, err := c.Get(healthURL)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				// The query API comes up with the rest; check it too.
				if r2, err := c.Get(QueryURL + "/api/services"); err == nil {
					r2.Body.Close()
					return nil
				}
			}
			last = fmt.Errorf("health status %d", resp.StatusCode)
		} else {
			last = err
		}
		time.Sleep(200 * time.Millisecond)
	}
	return last
}

// Trace is one trace as Jaeger's query API returns it.
type Trace struct {
	TraceID   string             `json:"traceID"`
	Spans     []Span             `json:"spans"`
	Processes map[string]Process `json:"processes"`
}

// Span is a Jaeger span.
type Span struct {
	TraceID       string      `json:"traceID"`
	SpanID        string      `json:"spanID"`
	OperationName string      `json:"operationName"`
	References    []Reference `json:"references"`
	StartTime     int64       `json:"startTime"`
	Duration      int64       `json:"duration"`
	Tags          []KeyValue  `json:"tags"`
	Logs          []Log       `json:"logs"`
	ProcessID     string      `json:"processID"`
}

// Reference links a span to its parent.
type Reference struct {
	RefType string `json:"refType"`
	TraceID string `json:"traceID"`
	SpanID  string `json:"spanID"`
}

// KeyValue is a Jaeger tag or log field.
type KeyValue struct {
	Key   string `json:"key"`
	Type  string `json:"type"`
	Value any    `json:"value"`
}

// Log is an annotation.
type Log struct {
	Timestamp int64      `json:"timestamp"`
	Fields    []KeyValue `json:"fields"`
}

// Process names the service.
type Process struct {
	ServiceName string `json:"serviceName"`
}

// Tag returns the tag's value as text and whether it exists.
func (s Span) Tag(key string) (string, bool) {
	for _, kv := range s.Tags {
		if kv.Key == key {
			return fmt.Sprint(kv.Value), true
		}
	}
	return "", false
}

// ParentID is the span ID of the CHILD_OF reference, "" for a root.
func (s Span) ParentID() string {
	for _, r := range s.References {
		if r.RefType == "CHILD_OF" {
			return r.SpanID
		}
	}
	return ""
}

// LogValues lists every log field value as text.
func (s Span) LogValues() []string {
	var out []string
	for _, l := range s.Logs {
		for _, f := range l.Fields {
			out = append(out, fmt.Sprint(f.Value))
		}
	}
	return out
}

// WaitTrace polls GET /api/traces/{id} until at least want spans arrived (Jaeger
// stores asynchronously) or the time runs out.
func WaitTrace(ctx context.Context, traceID string, want int) (Trace, error) {
	var last error
	for {
		tr, err := getTrace(ctx, traceID)
		if err == nil && len(tr.Spans) >= want {
			return tr, nil
		}
		if err == nil {
			err = fmt.Errorf("trace %s has %d spans, want %d", traceID, len(tr.Spans), want)
		}
		last = err
		select {
		case <-ctx.Done():
			return Trace{}, fmt.Errorf("%w (last: %v)", ctx.Err(), last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func getTrace(ctx context.Context, traceID string) (Trace, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, QueryURL+"/api/traces/"+traceID, nil)
	if err != nil {
		return Trace{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Trace{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Trace{}, fmt.Errorf("GET /api/traces/%s: status %d", traceID, resp.StatusCode)
	}
	var body struct {
		Data []Trace `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return Trace{}, err
	}
	if len(body.Data) == 0 {
		return Trace{}, fmt.Errorf("trace %s: empty data", traceID)
	}
	return body.Data[0], nil
}
