package outbox

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/url"
	"time"
)

// ClientOptions configure NewHTTPClient: everything delivery and
// verification must agree on to reach the same backend.
type ClientOptions struct {
	// RootCAs are the trusted roots (nil: the system's).
	RootCAs *x509.CertPool
	// Insecure skips TLS verification (always warned about).
	Insecure bool
	// Proxy picks the proxy of a request (nil: HTTPS_PROXY, HTTP_PROXY,
	// NO_PROXY from the environment).
	Proxy func(*http.Request) (*url.URL, error)
	// Timeout bounds a whole request, answer included (0: none; callers
	// bound each request with a context).
	Timeout time.Duration
	// MaxIdlePerHost is how many idle connections to one host are kept for
	// reuse (0: net/http's default).
	MaxIdlePerHost int
}

// NewHTTPClient is the one HTTP client of delivery and verification: the
// same TLS trust, proxy and timeouts, and redirects answered, never
// followed — a followed redirect turns a POST into a bodiless GET, carries
// headers and a Referer to another host, and hides a wrong URL. (Go sets a
// Referer only when following a redirect, so none is ever sent.)
func NewHTTPClient(o ClientOptions) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if o.MaxIdlePerHost > 0 {
		t.MaxIdleConnsPerHost = o.MaxIdlePerHost
	}
	// A body that fits the write buffer leaves in one write and needs no
	// copy buffer of its own (net/http allocates 32 KiB per request for
	// one that does not): a burst's 500-span JSON batch is ~150 KB.
	t.WriteBufferSize = 256 << 10
	t.Proxy = o.Proxy
	if t.Proxy == nil {
		t.Proxy = http.ProxyFromEnvironment
	}
	t.OnProxyConnectResponse = refuseProxyConnect
	t.TLSClientConfig = &tls.Config{
		RootCAs:            o.RootCAs,
		InsecureSkipVerify: o.Insecure, //nolint:gosec // asked for, and warned about on every run
		MinVersion:         tls.VersionTLS12,
	}
	return &http.Client{Transport: t, Timeout: o.Timeout, CheckRedirect: stopAtFirstRedirect}
}
