package cli

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
	"zipkin-playground/tracing/testkit"
)

// TestShopReporterProxyFailureMasked: the shop's services report through a
// proxy (HTTPS_PROXY, set as a user sets it) that refuses the CONNECT with
// 407 and echoes the credentials in its status line; what the shop says of its reporter shows neither user nor
// password.
func TestShopReporterProxyFailureMasked(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(program(t), "shop", "--sampler", "always", "--endpoint", "https://collector.invalid/api/v2/spans")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "HTTPS_PROXY=" + proxyURLAt(testkit.AuthProxy(t))}
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var printed strings.Builder
	lines := bufio.NewScanner(stdout)
	curl := ""
	for curl == "" && lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
		if strings.HasPrefix(lines.Text(), "curl ") {
			curl = lines.Text()
		}
	}
	if curl == "" {
		t.Fatalf("the shop printed no curl:\n%s", printed.String())
	}
	doCurl(t, curl)
	_ = cmd.Process.Signal(syscall.SIGINT)
	rest, _ := io.ReadAll(stdout)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the shop did not stop on SIGINT")
	}
	all := printed.String() + string(rest) + stderr.String()
	if !strings.Contains(stderr.String(), "the services' reporter:") || !strings.Contains(stderr.String(), "407") {
		t.Errorf("the shop does not report its reporter's 407:\n%s", stderr.String())
	}
	for _, leak := range proxyLeaks {
		if strings.Contains(all, leak) {
			t.Errorf("%q shows:\n%s", leak, all)
		}
	}
}
