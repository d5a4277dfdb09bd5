package testkit

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// AuthProxy is an HTTP proxy that wants credentials it never gets right:
// every request and every CONNECT is refused with 407, and what it refuses
// echoes the Proxy-Authorization it got, decoded, as a careless proxy does.
// It returns the proxy's host:port; it stops when the test ends.
func AuthProxy(t testing.TB) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := "no credentials"
		if basic, ok := strings.CutPrefix(r.Header.Get("Proxy-Authorization"), "Basic "); ok {
			dec, _ := base64.StdEncoding.DecodeString(basic)
			echo = fmt.Sprintf("bad credentials %s (Proxy-Authorization: Basic %s)", dec, basic)
		}
		if r.Method != http.MethodConnect {
			w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
			http.Error(w, echo, http.StatusProxyAuthRequired)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 407 %s\r\nContent-Length: 0\r\n\r\n", echo)
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}
