package cli

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
)

// mainIn runs Main in-process with env variables and no TUI.
func mainIn(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return vars[k] }}
	tui := func(tracing.Config, string) error { t.Fatalf("%v started the TUI", args); return nil }
	code = Main(args, env, tui)
	return code, out.String(), errb.String()
}

func TestFlagOfAnotherCommandIsRefused(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"check", "--count", "5"},
		{"check", "--rate", "2"},
		{"receive", "--endpoint", "http://x/api/v2/spans"},
		{"--json"},
		{"send", "--load", "checkout"},
	} {
		code, _, stderr := mainIn(t, nil, args...)
		if code != ExitUsage || !strings.Contains(stderr, "does not take --") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestHelpPerCommand(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help", "send"}, {"send", "--help"}, {"send", "-h"}} {
		code, stdout, _ := mainIn(t, nil, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d", args, code)
		}
		for _, want := range []string{"zipkin-playground send [flags] [FILE]", "--count N", "--duration DUR", "--retries N", "ZIPKIN_RETRIES", "Examples:", "send examples/checkout.json --json"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, stdout)
			}
		}
		if strings.Contains(stdout, "--b3") || strings.Contains(stdout, "--load") {
			t.Errorf("%v: help shows flags send does not take:\n%s", args, stdout)
		}
	}
	_, stdout, _ := mainIn(t, nil, "help", "check")
	if strings.Contains(stdout, "--count") || !strings.Contains(stdout, "--verify") || !strings.Contains(stdout, "Examples:") {
		t.Errorf("help check:\n%s", stdout)
	}
	_, stdout, _ = mainIn(t, nil, "--help")
	for _, want := range []string{"Commands:", "receive", "help COMMAND", "--load FILE", "--b3 FORMAT"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	if code, _, _ := mainIn(t, nil, "help", "bogus"); code != ExitUsage {
		t.Errorf("help bogus: exit %d", code)
	}
}

func TestFlagsAfterFile(t *testing.T) {
	t.Parallel()
	opts, rest, err := ParseArgs("send", []string{"--batch", "7", "examples/checkout.json", "--json", "--count=2"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 1 || rest[0] != "examples/checkout.json" || !opts.JSON || opts.Count != 2 || opts.Config.Batch != 7 {
		t.Errorf("opts %+v rest %q", opts, rest)
	}
	// "--" ends the flags: a file may start with a dash.
	_, rest, err = ParseArgs("send", []string{"--json", "--", "-odd.json"}, func(string) string { return "" })
	if err != nil || len(rest) != 1 || rest[0] != "-odd.json" {
		t.Errorf("after --: %q %v", rest, err)
	}
	// "--" as a flag's value is a value.
	opts, rest, err = ParseArgs("send", []string{"--service", "--", "x.json"}, func(string) string { return "" })
	if err != nil || opts.Config.Service != "--" || len(rest) != 1 {
		t.Errorf("--service --: %+v %q %v", opts.Config.Service, rest, err)
	}
	if code, _, stderr := mainIn(t, nil, "check", "a.json"); code != ExitUsage || !strings.Contains(stderr, "check takes no arguments") {
		t.Errorf("check FILE: %d %q", code, stderr)
	}
	if code, _, stderr := mainIn(t, nil, "send", "a.json", "b.json"); code != ExitUsage || !strings.Contains(stderr, "at most one scenario FILE") {
		t.Errorf("two files: %d %q", code, stderr)
	}
}

func TestNewFlagsReachConfig(t *testing.T) {
	t.Parallel()
	opts, _, err := ParseArgs("send", []string{"--retries", "5", "--cacert", "ca.pem", "--insecure", "--verify",
		"--query", "http://q:16686", "--verify-timeout", "3s", "--max-spans", "50", "--duration", "2s"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	c := opts.Config
	if c.Retries != 5 || c.CACert != "ca.pem" || !c.Insecure || !c.Verify || c.Query != "http://q:16686" ||
		c.VerifyTimeout != 3*time.Second || c.MaxSpans != 50 || opts.Duration != 2*time.Second {
		t.Errorf("%+v", opts)
	}
	env := map[string]string{"ZIPKIN_RETRIES": "0", "ZIPKIN_VERIFY": "true", "ZIPKIN_MAX_SPANS": "9", "ZIPKIN_QUERY": "http://q", "ZIPKIN_CACERT": "x.pem"}
	opts, _, err = ParseArgs("send", nil, func(k string) string { return env[k] })
	if err != nil || opts.Config.Retries != 0 || !opts.Config.Verify || opts.Config.MaxSpans != 9 || opts.Config.Query != "http://q" || opts.Config.CACert != "x.pem" {
		t.Errorf("env: %+v %v", opts.Config, err)
	}
}

// TestBadInputRefused: every bad value is exit 2 with one sentence naming
// the flag (or variable), no panic, no stack trace.
func TestBadInputRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"send", "--sampler", "counting:NaN"}, "--sampler"},
		{nil, []string{"send", "--sampler", "boundary:NaN"}, "--sampler"},
		{nil, []string{"send", "--sampler", "boundary:+Inf"}, "--sampler"},
		{nil, []string{"send", "--count", "3", "--rate", "Inf"}, "--rate"},
		{nil, []string{"send", "--count", "3", "--rate", "1e9"}, "--rate"},
		{nil, []string{"send", "--count", "3", "--rate", "1e-10"}, "--rate"},
		{nil, []string{"send", "--count", "3", "--rate", "NaN"}, "--rate"},
		{nil, []string{"send", "--count", "-1"}, "--count"},
		{nil, []string{"send", "--count", "99999999999"}, "--count"},
		{nil, []string{"send", "--duration", "-1s"}, "--duration"},
		{nil, []string{"send", "--duration", "9999h"}, "--duration"},
		{nil, []string{"send", "--batch", "0"}, "--batch"},
		{nil, []string{"send", "--batch", "1e3"}, "--batch"},
		{nil, []string{"send", "--timeout", "0s"}, "--timeout"},
		{nil, []string{"send", "--timeout", "-5s"}, "--timeout"},
		{nil, []string{"send", "--retries", "-1"}, "--retries"},
		{nil, []string{"send", "--retries", "1000"}, "--retries"},
		{nil, []string{"send", "--ip", "not an ip"}, "--ip"},
		{nil, []string{"send", "--ip", "example.com:80"}, "--ip"},
		{nil, []string{"send", "--ip", "10.0.0.1:99999"}, "--ip"},
		{nil, []string{"send", "--header", "X-Token: a\r\nInjected: b"}, "--header"},
		{nil, []string{"send", "--header", "Bad Name: x"}, "--header"},
		{nil, []string{"send", "--header", "X-A: nul\x00"}, "--header"},
		{nil, []string{"send", "--max-spans", "0"}, "--max-spans"},
		{nil, []string{"send", "--verify-timeout", "0s"}, "--verify-timeout"},
		{nil, []string{"send", "--query", "q:16686"}, "--query"},
		{nil, []string{"send", "--listen", "nowhere"}, "--listen"},
		{nil, []string{"send", "--json=maybe"}, "--json"},
		{map[string]string{"ZIPKIN_TIMEOUT": "0s"}, []string{"send"}, "ZIPKIN_TIMEOUT"},
		{map[string]string{"ZIPKIN_HEADERS": "A: 1;B: x\ny"}, []string{"check"}, "ZIPKIN_HEADERS"},
		{map[string]string{"ZIPKIN_SAMPLER": "counting:nan"}, []string{"send"}, "ZIPKIN_SAMPLER"},
		{map[string]string{"ZIPKIN_IP": "localhost"}, []string{"send"}, "ZIPKIN_IP"},
	} {
		code, stdout, stderr := mainIn(t, c.env, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "goroutine") || stdout != "" {
			t.Errorf("%v %v: exit %d, stderr %q", c.env, c.args, code, stderr)
		}
		if first, _, _ := strings.Cut(stderr, "\n"); strings.Count(first, ". ") > 1 {
			t.Errorf("%v: not one sentence: %q", c.args, first)
		}
	}
}

func TestHeaderValueNeverEchoed(t *testing.T) {
	t.Parallel()
	_, _, stderr := mainIn(t, nil, "send", "--header", "Authorization: Bearer s3cr3t\r\nX: y")
	if strings.Contains(stderr, "s3cr3t") {
		t.Errorf("the header value leaks: %q", stderr)
	}
}

func TestVersionLine(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "zipkin-playground", Version: "v0.3.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "c9b53d7abc"}, {Key: "vcs.modified", Value: "true"}}}
	if want, have := "zipkin-playground v0.3.0 (revision c9b53d7abc, modified, go1.26.0)", versionLine("", info); want != have {
		t.Errorf("want %q, have %q", want, have)
	}
	if have := versionLine("v9", nil); have != "zipkin-playground v9 (revision unknown)" {
		t.Errorf("no build info: %q", have)
	}
	code, stdout, _ := mainIn(t, nil, "--version")
	if code != ExitOK || !strings.HasPrefix(stdout, "zipkin-playground ") || !strings.Contains(stdout, "revision") {
		t.Errorf("--version: %d %q", code, stdout)
	}
}

// TestHintsGetFlags: a library hint that names no flag gets the command
// line's; one that already names it is left alone.
func TestHintsGetFlags(t *testing.T) {
	t.Parallel()
	r := withFlags(outbox.DeliveryResult{Class: outbox.ClassTooLarge, Hint: "batch too large: lower the batch size"})
	if want, have := "batch too large: lower the batch size (--batch)", r.Hint; want != have {
		t.Errorf("want %q, have %q", want, have)
	}
	r = withFlags(outbox.DeliveryResult{Class: outbox.ClassTooLarge, Hint: "batch too large: lower --batch"})
	if want, have := "batch too large: lower --batch", r.Hint; want != have {
		t.Errorf("want %q, have %q", want, have)
	}
	r = withFlags(outbox.DeliveryResult{Class: outbox.ClassTLS, Hint: "the certificate is not trusted"})
	if !strings.HasSuffix(r.Hint, "(--cacert, --insecure)") {
		t.Errorf("%q", r.Hint)
	}
}

// TestErrorsEscapeControls: an escape sequence typed in a flag reaches the
// terminal escaped.
func TestErrorsEscapeControls(t *testing.T) {
	t.Parallel()
	_, _, stderr := mainIn(t, nil, "send", "--\x1b[2J")
	if strings.Contains(stderr, "\x1b[") || !strings.Contains(stderr, `\x1b[2J`) {
		t.Errorf("%q", stderr)
	}
	_, _, stderr = mainIn(t, nil, "send", "--ip", "\x1b[31mred")
	if strings.Contains(stderr, "\x1b[") || !strings.Contains(stderr, `\x1b[31mred`) {
		t.Errorf("%q", stderr)
	}
}

// TestV1PathEncoding: a v1 path picks v1 JSON with a note; an explicit v2
// encoding there is exit 2 (collectors store it as unknown-service).
func TestV1PathEncoding(t *testing.T) {
	t.Parallel()
	opts, _, err := ParseArgs("send", []string{"--endpoint", "http://z:9411/api/v1/spans"}, func(string) string { return "" })
	if err != nil || opts.Config.Encoding != outbox.EncodingV1 || len(opts.Notes) != 1 {
		t.Errorf("auto: %q %q %v", opts.Config.Encoding, opts.Notes, err)
	}
	for _, args := range [][]string{
		{"send", "--encoding", "json", "--endpoint", "http://z:9411/api/v1/spans"},
		{"check", "--encoding", "proto", "--endpoint", "http://z:9411/api/v1/spans"},
	} {
		code, _, stderr := mainIn(t, nil, args...)
		if code != ExitUsage || !strings.Contains(stderr, "--encoding") {
			t.Errorf("%v: %d %q", args, code, stderr)
		}
	}
	code, _, stderr := mainIn(t, map[string]string{"ZIPKIN_ENCODING": "json"}, "send", "--endpoint", "http://z:9411/api/v1/spans")
	if code != ExitUsage || !strings.Contains(stderr, "ZIPKIN_ENCODING") {
		t.Errorf("env: %d %q", code, stderr)
	}
	opts, _, err = ParseArgs("send", []string{"--encoding", "v1", "--endpoint", "http://z:9411/api/v1/spans"}, func(string) string { return "" })
	if err != nil || opts.Config.Encoding != outbox.EncodingV1 || len(opts.Notes) != 0 {
		t.Errorf("explicit v1: %q %q %v", opts.Config.Encoding, opts.Notes, err)
	}
}
