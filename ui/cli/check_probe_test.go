package cli

import (
	"bytes"
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
