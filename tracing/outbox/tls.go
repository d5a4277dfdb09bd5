package outbox

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"zipkin-playground/tracing/secret"
)

// maxCACertFile bounds what LoadCACerts reads: a CA bundle is kilobytes.
const maxCACertFile = 4 << 20

// insecureWarning is said on every run that skips TLS verification.
const insecureWarning = "TLS verification is off (insecure): any certificate is accepted, so nothing proves the collector is who it claims to be"

// LoadCACerts reads PEM CA certificates from path and adds them to the
// system's roots. The error names the file.
func LoadCACerts(path string) (*x509.CertPool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("CA certificate file: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("CA certificate file %s: not a regular file", path)
	}
	pem, err := io.ReadAll(io.LimitReader(f, maxCACertFile+1))
	if err != nil {
		return nil, fmt.Errorf("CA certificate file %s: %w", path, err)
	}
	if len(pem) > maxCACertFile {
		return nil, fmt.Errorf("CA certificate file %s: larger than %d MiB", path, maxCACertFile>>20)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA certificate file %s: no PEM certificate in it (want -----BEGIN CERTIFICATE-----)", path)
	}
	return pool, nil
}

// Warnings are what every interface must say on every run about how the
// outbox delivers (today: TLS verification turned off).
func (o *Outbox) Warnings() []string {
	if o.opts.Insecure {
		return []string{insecureWarning}
	}
	return nil
}

// tlsHint tells an unknown authority, a wrong host name or an expired
// certificate from a protocol mismatch (http vs https).
func tlsHint(err error, status int) string {
	var (
		ua   x509.UnknownAuthorityError
		host x509.HostnameError
		inv  x509.CertificateInvalidError
		rec  tls.RecordHeaderError
	)
	switch {
	case status == http.StatusBadRequest:
		return "the server expects TLS on this port: use https:// instead of http://"
	case err == nil:
		return hintFor(ClassTLS)
	case errors.As(err, &ua):
		return "the server's certificate is not signed by a trusted CA: trust its CA certificate (cacert option), or fix the server's certificate chain"
	case errors.As(err, &host):
		return "the server's certificate is not valid for this host name: use the name it was issued for"
	case errors.As(err, &inv):
		return "the server's certificate is expired or not valid yet: renew it (or check this machine's clock)"
	case errors.As(err, &rec), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "the server does not speak TLS on this port: use http:// instead of https://"
	}
	return hintFor(ClassTLS)
}

// refineTransportFailure sharpens the class and hint of a request that got
// no answer: a TLS failure says which kind, and a failing proxy is named
// rather than blamed on the collector.
func (t deliveryTarget) refineTransportFailure(req *http.Request, err error, r *DeliveryResult) {
	if r.Class == ClassTLS {
		r.Hint = tlsHint(err, 0)
	}
	if refused := (*ProxyRefusedError)(nil); errors.As(err, &refused) {
		r.Hint = proxyStatusHint(refused.Status)
		return
	}
	if t.proxy == nil || r.Class == ClassCancelled || r.Class == ClassTimeout {
		return
	}
	proxy, perr := t.proxy(req)
	if perr != nil || proxy == nil {
		return
	}
	var op *net.OpError
	if !(errors.As(err, &op) && op.Op == "proxyconnect") && r.Class != ClassRefused && r.Class != ClassDNS {
		return
	}
	env := "HTTP_PROXY"
	if req.URL.Scheme == "https" {
		env = "HTTPS_PROXY"
	}
	r.Class = ClassProxy
	r.Hint = fmt.Sprintf("the proxy %s (%s) failed, not the collector: start or fix the proxy, or list the host in NO_PROXY",
		t.masker.Mask(shownProxy(proxy)), env)
}

// shownProxy is a proxy URL as it may be shown: scheme, a mask for its
// userinfo, host. A path is dropped: a proxy has none, and a proxy variable
// net/url cannot read is read again with http:// in front, which leaves its
// user and password in the path ("http://http://user:pw@…").
func shownProxy(proxy *url.URL) string {
	shown := proxy.Scheme + "://"
	if proxy.User != nil {
		shown += secret.MaskText + "@"
	}
	shown += proxy.Host
	if strings.Trim(proxy.Path, "/") != "" || proxy.RawQuery != "" {
		shown += " (as Go read a proxy URL it could not parse: check the variable)"
	}
	return shown
}
