package tracing

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// TestLoadScenarioRefusesFIFO: a named pipe is refused at once instead of
// blocking forever on open.
func TestLoadScenarioRefusesFIFO(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := LoadScenario(path); done <- err }()
	err := <-done // without the check this blocks and the test times out
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO: %v", err)
	}
	if _, err := LoadScenario(t.TempDir()); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: %v", err)
	}
	if _, err := LoadScenario("/dev/null"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("device: %v", err)
	}
}

// TestLoadScenarioNamesSizeLimit: an oversized file is refused with the
// limit named, not cut and reported as "unexpected EOF".
func TestLoadScenarioNamesSizeLimit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxScenarioBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	_, err = LoadScenario(path)
	if err == nil || !strings.Contains(err.Error(), "16 MiB") || strings.Contains(err.Error(), "EOF") {
		t.Errorf("%v", err)
	}
}

// TestScenarioTimesInRange: a time the serializer would reject later is
// refused up front, naming the span.
func TestScenarioTimesInRange(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ doc, want string }{
		{`{"version":1,"traces":[{"name":"root","children":[{"name":"slow call","durationMs":1.8e12}]}]}`, `traces[0].children[0] "slow call": durationMs`},
		{`{"version":1,"traces":[{"name":"late","startMs":1e15}]}`, `traces[0] "late": startMs`},
		{`{"version":1,"traces":[{"name":"r","startMs":-1}]}`, `"r": startMs`},
		{`{"version":1,"traces":[{"name":"a","annotations":[{"atMs":9e99,"value":"x"}]}]}`, `"a": annotations[0]: atMs`},
	} {
		_, err := ParseScenario([]byte(c.doc))
		if !errors.Is(err, errBadScenario) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.doc, err)
		}
	}
	ok := `{"version":1,"traces":[{"name":"day","durationMs":86400000}]}`
	if _, err := ParseScenario([]byte(ok)); err != nil {
		t.Errorf("one day is allowed: %v", err)
	}
}

// FuzzScenario: no input makes the loader or the replay panic, and every
// span of a scenario that passed validation serializes (a span the
// serializer rejects would hold back its whole batch).
func FuzzScenario(f *testing.F) {
	for _, name := range []string{"checkout", "debug", "demo", "messaging"} {
		if data, err := os.ReadFile(filepath.Join("..", "examples", name+".json")); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"version":1,"traces":[{"name":"x","durationMs":86400000,"startMs":86400000}]}`))
	f.Add([]byte(`{"version":1,"traces":[{"name":"x","durationMs":1.8e12,"annotations":[{"atMs":1.8e12,"value":"v"}]}]}`))
	f.Add([]byte(`{"version":1,"traces":[{"name":"a","kind":"CLIENT","children":[{"name":"b","kind":"SERVER","service":"s"}]}]}`))
	f.Add([]byte(`{"version":1,"traces":[{"name":"a","debug":true,"running":true,"tags":{"k":"v"},"error":"e"}]}`))
	cfg := DefaultConfig()
	cfg.Endpoint, cfg.Sampler = "http://127.0.0.1:1/api/v2/spans", SamplerSpec{Kind: SamplerAlways}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("hang on %q", data)) })
		defer watchdog.Stop()
		sc, err := ParseScenario(data)
		if err != nil {
			return
		}
		s, err := NewSession(cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Replay(sc); err != nil {
			t.Fatalf("a valid scenario failed to replay: %v", err)
		}
		for _, sp := range s.Outbox().PendingSpans() {
			if _, err := (reporter.JSONSerializer{}).Serialize([]*model.SpanModel{&sp}); err != nil {
				t.Fatalf("span %q passed validation but does not serialize: %v", sp.Name, err)
			}
		}
	})
}
