package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check --verify writes a span to the backend: the output says so, and
// --service names it.
func TestCheckVerifySaysItWritesASpan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args    []string
		service string
	}{
		{nil, CheckService},
		{[]string{"--service", "smoke-test"}, "smoke-test"},
	} {
		var stdout, stderr bytes.Buffer
		env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
		args := append([]string{"check", "--verify", "--listen", "127.0.0.1:0"}, c.args...)
		if code := Main(args, env, nil); code != ExitOK {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
		}
		out := stdout.String()
		if !strings.Contains(out, "wrote      1 probe span") || !strings.Contains(out, `service "`+c.service+`"`) {
			t.Errorf("%v: the output must say a span of service %q was written:\n%s", args, c.service, out)
		}
	}
}

// send refuses v1 JSON for a /api/v2/spans endpoint before sending, with
// the reason and the way out (as the app does).
func TestSendRefusesV1ToTheV2Path(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	code := Main([]string{"send", "--encoding", "v1", "--endpoint", "http://127.0.0.1:9/api/v2/spans"}, env, nil)
	if code != ExitUsage || !strings.Contains(stderr.String(), "/api/v1/spans path") || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// One of a thing is said in the singular: "1 span", "1 POST".
func TestSendSaysOneSpan(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "one.json")
	scenario := `{"version": 1, "traces": [{"name": "ping", "startMs": 0, "durationMs": 2}]}`
	if err := os.WriteFile(file, []byte(scenario), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	if code := Main([]string{"send", "--listen", "127.0.0.1:0", file}, env, nil); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"batch 1/1: 1 span,", "delivered  1 of 1 span in 1 POST\n", "stored     1 span read back intact"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("%q is not in the output:\n%s", want, stdout.String())
		}
	}
}

// send FILE reads a Zipkin v2 JSON span list (what x exports) as a scenario.
func TestSendReadsASpanList(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "export.json")
	spans := `[{"traceId":"463ac35c9f6413ad","id":"463ac35c9f6413ad","name":"get /","timestamp":1700000000000000,"duration":3000,
	  "localEndpoint":{"serviceName":"web"}},
	 {"traceId":"463ac35c9f6413ad","parentId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","kind":"CLIENT","name":"charge",
	  "timestamp":1700000000001000,"duration":1000,"localEndpoint":{"serviceName":"web"},"tags":{"card":"visa"}}]`
	if err := os.WriteFile(file, []byte(spans), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	if code := Main([]string{"send", "--listen", "127.0.0.1:0", file}, env, nil); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "delivered  2 of 2 spans") {
		t.Errorf("the span list's two spans must be sent:\n%s", stdout.String())
	}
}
