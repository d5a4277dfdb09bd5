package cli

import (
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"zipkin-playground/tracing/testkit"
)

// The proxy's credentials, as a user writes them in HTTP_PROXY: the
// password has a / and a & in it, so it is URL-encoded there.
const (
	proxyUser    = "pxuser7"
	proxyPass    = "s3cr/3t&pw"
	proxyPassURL = "s3cr%2F3t%26pw"
)

// proxyLeaks are every form of the proxy's credentials that must never show.
var proxyLeaks = []string{proxyUser, proxyPass, proxyPassURL, `s3cr\/3t`, `s3cr/3t\u0026pw`, "3t&pw", "3t%26pw",
	base64.StdEncoding.EncodeToString([]byte(proxyUser + ":" + proxyPass))}

// deadPort is a 127.0.0.1 address nothing listens on.
func deadPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// runWithEnv executes the built binary as run does, with env added.
func runWithEnv(t *testing.T, env []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(program(t), args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir()}, env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatal(err)
		}
	}
	return out.String(), errb.String()
}

func proxyURLAt(addr string) string {
	return "http://" + proxyUser + ":" + proxyPassURL + "@" + addr
}

// TestProxyCredentialsNeverShow runs send and check (text and --json)
// through a proxy set in the environment, as a user sets it, that fails in
// each way that matters; no form of its user or password shows, and the
// failure is named as the proxy's.
func TestProxyCredentialsNeverShow(t *testing.T) {
	t.Parallel()
	proxy, dead := testkit.AuthProxy(t), deadPort(t)
	for _, c := range []struct {
		name, env, endpoint, want string
	}{
		{"407 to a proxied POST", "HTTP_PROXY=" + proxyURLAt(proxy), "http://collector.invalid:9411/api/v2/spans", "407"},
		{"407 to a CONNECT", "HTTPS_PROXY=" + proxyURLAt(proxy), "https://collector.invalid/api/v2/spans", "407"},
		{"a dead proxy", "HTTP_PROXY=" + proxyURLAt(dead), "http://collector.invalid:9411/api/v2/spans", "http://****@" + dead},
		{"a proxy URL Go reads as a path", "HTTP_PROXY=http://" + proxyUser + ":" + proxyPassURL + "@proxy host:3128", "http://collector.invalid:9411/api/v2/spans", "could not parse"},
	} {
		for _, args := range [][]string{
			{"send", "--retries", "0"}, {"send", "--retries", "0", "--json"},
			{"check"}, {"check", "--json"},
		} {
			args := append(args, "--endpoint", c.endpoint, "--timeout", "5s")
			stdout, stderr := runWithEnv(t, []string{c.env}, args...)
			all := stdout + stderr
			for _, leak := range proxyLeaks {
				if strings.Contains(all, leak) {
					t.Errorf("%s, %v: %q shows:\n%s", c.name, args, leak, all)
				}
			}
			if !strings.Contains(all, c.want) {
				t.Errorf("%s, %v: want %q in:\n%s", c.name, args, c.want, all)
			}
			if !strings.Contains(all, "proxy") {
				t.Errorf("%s, %v: the proxy is not named:\n%s", c.name, args, all)
			}
		}
	}
}

// TestVerifyReadBackProxyFailureMasked: the spans arrive (the collector is
// on this machine, which no proxy serves), and the read-back goes to a
// query API through a proxy (HTTPS_PROXY) that refuses it, echoing the
// credentials; send and check, text and --json, show none of them.
func TestVerifyReadBackProxyFailureMasked(t *testing.T) {
	t.Parallel()
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusAccepted)
	}))
	defer collector.Close()
	env := []string{"HTTPS_PROXY=" + proxyURLAt(testkit.AuthProxy(t))}
	for _, args := range [][]string{{"send"}, {"send", "--json"}, {"check"}, {"check", "--json"}} {
		args := append(args, "--verify", "--verify-timeout", "5s", "--query", "https://query.invalid",
			"--endpoint", collector.URL+"/api/v2/spans")
		stdout, stderr := runWithEnv(t, env, args...)
		all := stdout + stderr
		for _, leak := range proxyLeaks {
			if strings.Contains(all, leak) {
				t.Errorf("%v: %q shows:\n%s", args, leak, all)
			}
		}
		if !strings.Contains(all, "407") {
			t.Errorf("%v: the proxy's 407 is not said:\n%s", args, all)
		}
	}
}
