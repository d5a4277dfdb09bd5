package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

// workshopIn runs the workshop command in-process; run receives what the
// command line parsed.
func workshopIn(t *testing.T, vars map[string]string, run Workshop, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return vars[k] }, Workshop: run}
	code := Main(append([]string{"workshop"}, args...), env, nil)
	return code, errb.String()
}

func TestWorkshopBeyondLoopbackNeedsACode(t *testing.T) {
	t.Parallel()
	never := func(context.Context, tracing.Config, WorkshopOptions, io.Writer) error {
		t.Error("the workshop started")
		return nil
	}
	for _, args := range [][]string{{"--ssh", "0.0.0.0:2222"}, {"--ssh", ":2222"}, {"--ssh", "192.168.1.5:2222"}} {
		code, stderr := workshopIn(t, nil, never, args...)
		if code != ExitUsage || strings.Count(stderr, "\n") != 2 || !strings.Contains(stderr, "needs a join code: add --code CODE") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, stderr := workshopIn(t, nil, never, "--max-attendees", "0"); code != ExitUsage || !strings.Contains(stderr, "--max-attendees") {
		t.Errorf("--max-attendees 0: exit %d, stderr %q", code, stderr)
	}
}

func TestWorkshopFlagsAndEnvironment(t *testing.T) {
	t.Parallel()
	var got WorkshopOptions
	var cfg tracing.Config
	run := func(_ context.Context, c tracing.Config, w WorkshopOptions, _ io.Writer) error {
		got, cfg = w, c
		return nil
	}
	vars := map[string]string{"ZIPKIN_WORKSHOP_SSH": "0.0.0.0:2200", "ZIPKIN_WORKSHOP_CODE": "tracing42"}
	code, stderr := workshopIn(t, vars, run, "--max-attendees", "3", "--host-key", "/tmp/k", "--allow-duplicates",
		"--endpoint", "http://jaeger:9411/api/v2/spans", "--query", "http://jaeger:16686")
	want := WorkshopOptions{SSH: "0.0.0.0:2200", Code: "tracing42", MaxAttendees: 3, HostKey: "/tmp/k", AllowDuplicates: true}
	if code != ExitOK || got != want {
		t.Fatalf("exit %d (%s), options %+v, want %+v", code, stderr, got, want)
	}
	if cfg.Endpoint != "http://jaeger:9411/api/v2/spans" || cfg.Query != "http://jaeger:16686" {
		t.Errorf("config %+v", cfg)
	}
	code, _ = workshopIn(t, nil, run)
	if want := (WorkshopOptions{SSH: "127.0.0.1:2222", MaxAttendees: 50}); code != ExitOK || got != want {
		t.Errorf("defaults: %+v, want %+v", got, want)
	}
}
