package outbox

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"zipkin-playground/tracing/secret"
)

// ProxyRefusedError is a proxy that answered an https endpoint's CONNECT
// with something other than 200: the collector was never reached. (Without
// it net/http returns a bare error made of the proxy's status text.)
type ProxyRefusedError struct {
	// Status is the proxy's status code (407: it wants credentials).
	Status int
	// Text is the proxy's status line after the code, sanitised: it comes
	// from outside.
	Text string
}

// Error says the proxy refused, with its status.
func (e *ProxyRefusedError) Error() string {
	return fmt.Sprintf("the proxy refused the CONNECT: %d %s", e.Status, e.Text)
}

// refuseProxyConnect is the transport's OnProxyConnectResponse: a CONNECT
// the proxy did not accept becomes a ProxyRefusedError.
func refuseProxyConnect(_ context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	text := http.StatusText(resp.StatusCode)
	if len(resp.Status) > 4 {
		text = resp.Status[4:]
	}
	return &ProxyRefusedError{Status: resp.StatusCode, Text: secret.Sanitize(OneLine(text, 120))}
}

// proxyStatusHint is what to do about a proxy's status: a 407 asks for
// credentials the proxy URL lacks or has wrong.
func proxyStatusHint(status int) string {
	if status == http.StatusProxyAuthRequired {
		return "the proxy wants credentials (407): put user:password@ in HTTPS_PROXY / HTTP_PROXY, or check them; or list the host in NO_PROXY"
	}
	return hintFor(ClassProxy)
}
