package receiver

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"zipkin-playground/tracing/secret"
)

// guard refuses what a web page in a browser could make of the receiver:
//   - a Host that is not a loopback name or the listen address, while the
//     receiver listens on loopback (DNS rebinding: a page whose name turns
//     into 127.0.0.1 would otherwise read and write as if same-origin);
//   - a POST from a foreign Origin: text/plain and other simple requests need
//     no preflight, so CORS alone would let any page write spans;
//   - Chrome's private-network preflight, and any preflight for a POST from a
//     foreign Origin.
//
// GETs from any Origin stay readable (CORS *), for UIs such as Lens and
// Grafana.
func (r *Receiver) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if reason := r.refusal(req); reason != "" {
			http.Error(w, reason, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, req)
	})
}

// refusal says why a request is refused, "" when it is not.
func (r *Receiver) refusal(req *http.Request) string {
	if !r.hostAllowed(req.Host) {
		return "Host " + quoteHost(req.Host) + " is not this receiver: only loopback names and " + r.Addr() + " are served"
	}
	origin := req.Header.Get("Origin")
	switch {
	case req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Private-Network") != "":
		return "private-network access from a web page is refused"
	case req.Method == http.MethodOptions && strings.EqualFold(req.Header.Get("Access-Control-Request-Method"), http.MethodPost) && !r.originAllowed(origin, req.Host):
		return "cross-site writes are refused"
	case req.Method == http.MethodPost && !r.originAllowed(origin, req.Host):
		return "cross-site writes are refused"
	}
	return ""
}

// hostAllowed checks a request's Host while the receiver listens on loopback;
// listening beyond it, clients reach it by names it cannot know.
func (r *Receiver) hostAllowed(host string) bool {
	if host == "" || r.Warning != "" { // HTTP/1.0 without Host; or bound beyond loopback
		return true
	}
	return isLoopbackName(hostOnly(host)) || strings.EqualFold(host, r.Addr())
}

// originAllowed: no Origin (not a browser), a page served from loopback, or
// the same host the request was sent to.
func (r *Receiver) originAllowed(origin, host string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" { // "null": a sandboxed frame, a file, a redirect
		return false
	}
	return isLoopbackName(u.Hostname()) || strings.EqualFold(u.Hostname(), hostOnly(host))
}

// isLoopbackName: localhost (and *.localhost), or a loopback IP.
func isLoopbackName(h string) bool {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// hostOnly is a Host header without its port and brackets.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return strings.Trim(host, "[]")
}

// quoteHost shows a Host header safely and briefly.
func quoteHost(host string) string {
	if r := []rune(host); len(r) > 80 {
		host = string(r[:80]) + "…"
	}
	return `"` + secret.Sanitize(host) + `"`
}
