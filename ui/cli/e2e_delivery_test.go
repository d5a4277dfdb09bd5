//go:build e2e

package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"zipkin-playground/tracing/jaegertest"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// The binary, pointed at Jaeger's UI port by mistake, fails: exit 1,
// class not-collector, and check says NOT healthy.
func TestJaegerUIPortSendFails(t *testing.T) {
	jaegertest.Start(t)
	url := jaegertest.QueryURL + secret.V2Path
	code, stdout, stderr := run(t, "send", "--json", "--endpoint", url)
	var rep SendReport
	_ = json.Unmarshal([]byte(stdout), &rep)
	if code != ExitFailed || rep.Delivered != 0 || len(rep.Batches) == 0 || rep.Batches[0].Class != string(outbox.ClassNotCollector) {
		t.Fatalf("send to the UI port: exit %d, %+v\n%s", code, rep, stderr)
	}
	if !strings.Contains(stderr, "16686") {
		t.Errorf("stderr lacks the hint: %s", stderr)
	}
	code, stdout, _ = run(t, "check", "--endpoint", url)
	if code != ExitFailed || !strings.Contains(stdout, "NOT healthy") {
		t.Errorf("check on the UI port: exit %d\n%s", code, stdout)
	}
}
