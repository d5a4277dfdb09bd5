//go:build e2e

package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"zipkin-playground/tracing/jaegertest"
)

// TestJaegerSendVerify: the binary's `send --verify` reads the demo trace and
// examples/checkout.json back from Jaeger's query API in JSON and proto:
// every trace changed (Jaeger's rewrites), none missing, each difference
// explained; `check --verify` is healthy only after the read-back.
func TestJaegerSendVerify(t *testing.T) {
	jaegertest.Start(t)
	for _, args := range [][]string{
		{"--encoding", "json"},
		{"--encoding", "proto", "--trace-id-128"},
		{"--encoding", "json", "checkout"},
	} {
		all := append([]string{"send", "--json", "--verify", "--endpoint", jaegertest.ZipkinURL, "--query", jaegertest.QueryURL}, args...)
		code, stdout, stderr := run(t, all...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		var rep SendReport
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.QueryAPI != "jaeger" || rep.Verified == nil || len(rep.Traces) == 0 {
			t.Fatalf("%v: report %+v", args, rep)
		}
		for _, tr := range rep.Traces {
			if tr.State != "changed" || tr.Found != tr.Spans {
				t.Errorf("%v: trace %s %s %d/%d", args, tr.TraceID, tr.State, tr.Found, tr.Spans)
			}
			for _, d := range tr.Differences {
				if d.Rewrite == "" {
					t.Errorf("%v: unexplained %+v", args, d)
				}
			}
		}
	}
	code, stdout, stderr := run(t, "check", "--verify", "--endpoint", jaegertest.ZipkinURL, "--query", jaegertest.QueryURL)
	if code != 0 || !strings.Contains(stdout, "accepted and stored, read back in ") {
		t.Errorf("check --verify: exit %d\n%s%s", code, stdout, stderr)
	}
	t.Logf("%s", stdout)
}
