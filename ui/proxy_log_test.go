package ui

import (
	"encoding/base64"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/testkit"
)

// TestProxyCredentialsStayOffTheDeliveryLog: HTTPS_PROXY names a proxy with
// a user and password, as a user sets it; the proxy refuses the CONNECT
// with 407 and echoes the credentials it got in its status line. The
// delivery log and the screen name the proxy's failure and show neither.
// net/http reads the proxy variables once per process, and any test that
// POSTs first fixes them: the test runs again in a process of its own,
// where it sets them before anything reads them.
func TestProxyCredentialsStayOffTheDeliveryLog(t *testing.T) {
	const child = "ZP_PROXY_LOG_TEST_PROCESS"
	if os.Getenv(child) == "" {
		t.Parallel()
		name := "TestProxyCredentialsStayOffTheDeliveryLog"
		cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), child+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
			t.Fatalf("in its own process: %v\n%s", err, out)
		}
		return
	}
	const user, pass = "pxuser7", "s3cr/3t&pw"
	proxy := testkit.AuthProxy(t)
	proxyURL := "http://" + user + ":s3cr%2F3t%26pw@" + proxy
	t.Setenv("HTTPS_PROXY", proxyURL)
	const endpoint = "https://collector.invalid/api/v2/spans"
	probe, _ := http.NewRequest(http.MethodPost, endpoint, nil)
	if u, _ := http.ProxyFromEnvironment(probe); u == nil || u.Host != proxy {
		t.Fatalf("net/http read the environment before this test set HTTPS_PROXY (it reads it once per process): proxy %v", u)
	}
	m := newModel(t, 200, 60, func(c *tracing.Config) { c.Endpoint = endpoint; c.Retries = 0 })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	log := logText(m)
	if !strings.Contains(log, "407") || !strings.Contains(log, "proxy") {
		t.Fatalf("the log does not name the proxy's 407:\n%s", log)
	}
	for _, where := range []string{log, m.View()} {
		for _, leak := range []string{user, pass, "s3cr%2F3t", "3t&pw", base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))} {
			if strings.Contains(where, leak) {
				t.Errorf("%q shows:\n%s", leak, where)
			}
		}
	}
}
