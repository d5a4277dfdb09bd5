package ui

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"zipkin-playground/tracing"
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
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		basic, _ := strings.CutPrefix(r.Header.Get("Proxy-Authorization"), "Basic ")
		dec, _ := base64.StdEncoding.DecodeString(basic)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 407 bad credentials %s\r\nContent-Length: 0\r\n\r\n", dec)
		buf.Flush()
	}))
	defer proxy.Close()
	proxyURL := "http://" + user + ":s3cr%2F3t%26pw@" + strings.TrimPrefix(proxy.URL, "http://")
	t.Setenv("HTTPS_PROXY", proxyURL)
	const endpoint = "https://collector.invalid/api/v2/spans"
	probe, _ := http.NewRequest(http.MethodPost, endpoint, nil)
	if u, _ := http.ProxyFromEnvironment(probe); u == nil || "http://"+u.Host != proxy.URL {
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
