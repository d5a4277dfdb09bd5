//go:build e2e

package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing/jaegertest"
)

// TestJaegerSendCheckScenario: the built binary's `send --json` reaches Jaeger
// and every reported trace ID reads back; `check` is healthy; a scenario file
// arrives with its shape.
func TestJaegerSendCheckScenario(t *testing.T) {
	jaegertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	code, stdout, stderr := run(t, "send", "--json", "--endpoint", jaegertest.ZipkinURL, "--service", "e2e-cli")
	if code != 0 {
		t.Fatalf("send: exit %d: %s", code, stderr)
	}
	var rep SendReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, id := range rep.TraceIDs {
		tr, err := jaegertest.WaitTrace(ctx, id, rep.Spans)
		if err != nil {
			t.Fatalf("trace %s: %v", id, err)
		}
		names := map[string]bool{}
		for _, sp := range tr.Spans {
			names[sp.OperationName] = true
		}
		for _, want := range []string{"checkout", "charge card", "call bank"} {
			if !names[want] {
				t.Errorf("trace %s lacks %q: %v", id, want, names)
			}
		}
	}

	if code, stdout, stderr := run(t, "check", "--endpoint", jaegertest.ZipkinURL); code != 0 {
		t.Errorf("check against Jaeger: exit %d\n%s%s", code, stdout, stderr)
	}

	code, stdout, stderr = run(t, "send", "--json", "--endpoint", jaegertest.ZipkinURL, "--encoding", "proto", "../../examples/checkout.json")
	if code != 0 {
		t.Fatalf("scenario send: exit %d: %s", code, stderr)
	}
	rep = SendReport{}
	_ = json.Unmarshal([]byte(stdout), &rep)
	// The two shared SERVER spans reuse their clients' IDs; Jaeger keeps both.
	tr, err := jaegertest.WaitTrace(ctx, rep.TraceIDs[0], 7)
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]bool{}
	errors := 0
	for _, sp := range tr.Spans {
		services[tr.Processes[sp.ProcessID].ServiceName] = true
		if v, ok := sp.Tag("error"); ok && v != "" {
			errors++
		}
	}
	for _, want := range []string{"frontend", "cart", "payments"} {
		if !services[want] {
			t.Errorf("service %s missing: %v", want, services)
		}
	}
	if errors < 2 {
		t.Errorf("want the 2 error spans, have %d", errors)
	}
}

// TestJaegerV1PathPicksV1: `send` to Jaeger's /api/v1/spans picks v1 JSON
// by itself (with a note), and Jaeger stores the service names and tags a
// v2 payload there would lose; an explicit --encoding json there is exit 2.
func TestJaegerV1PathPicksV1(t *testing.T) {
	jaegertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	v1 := strings.Replace(jaegertest.ZipkinURL, "/api/v2/spans", "/api/v1/spans", 1)
	if code, _, stderr := run(t, "send", "--endpoint", v1, "--encoding", "json"); code != 2 || !strings.Contains(stderr, "--encoding") {
		t.Errorf("explicit json on the v1 path: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := run(t, "send", "--json", "--endpoint", v1, "--service", "e2e-v1", "checkout")
	if code != 0 || !strings.Contains(stderr, "note: the path is /api/v1/spans") {
		t.Fatalf("send: exit %d: %s", code, stderr)
	}
	var rep SendReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	tr, err := jaegertest.WaitTrace(ctx, rep.TraceIDs[0], 5)
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]bool{}
	for _, sp := range tr.Spans {
		services[tr.Processes[sp.ProcessID].ServiceName] = true
	}
	if !services["frontend"] || !services["payments"] || services["unknown-service"] {
		t.Errorf("services: %v", services)
	}
}
