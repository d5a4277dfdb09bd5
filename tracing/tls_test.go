package tracing

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// privateCA is a CA made for the test and a server certificate it signed for
// 127.0.0.1, as a company's internal collector would have.
type privateCA struct {
	pemFile string
	leaf    tls.Certificate
}

func newPrivateCA(t *testing.T) privateCA {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "playground test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "collector"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return privateCA{pemFile: path, leaf: tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}}
}

func (ca privateCA) server(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.leaf}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func accept202(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }

func TestTLSPrivateCA(t *testing.T) {
	t.Parallel()
	ca := newPrivateCA(t)
	srv := ca.server(t, http.HandlerFunc(accept202))

	s := sessionTo(t, srv.URL+secret.V2Path)
	fillSession(t, s, 1, 2)
	results, _ := flushAll(s)
	r := results[0]
	if r.Class != outbox.ClassTLS || !strings.Contains(r.Hint, "not signed by a trusted CA") || strings.Contains(r.Hint, "http vs https") {
		t.Errorf("unknown authority: class %q, hint %q", r.Class, r.Hint)
	}

	s = sessionTo(t, srv.URL+secret.V2Path, func(c *Config) { c.CACert = ca.pemFile })
	fillSession(t, s, 1, 2)
	if _, sum := flushAll(s); sum.Delivered != 2 {
		t.Errorf("with the CA trusted: %+v", sum)
	}
	if w := s.Outbox().Warnings(); len(w) != 0 {
		t.Errorf("no warning without insecure: %v", w)
	}

	s = sessionTo(t, srv.URL+secret.V2Path, func(c *Config) { c.Insecure = true })
	fillSession(t, s, 1, 2)
	if _, sum := flushAll(s); sum.Delivered != 2 {
		t.Errorf("insecure: %+v", sum)
	}
	if w := s.Outbox().Warnings(); len(w) != 1 || !strings.Contains(w[0], "TLS verification is off") {
		t.Errorf("insecure must warn: %v", w)
	}
}

func TestTLSBadCACertFileIsNamed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.pem")
	_ = os.WriteFile(garbage, []byte("not a certificate"), 0o600)
	for _, path := range []string{filepath.Join(dir, "missing.pem"), garbage, dir} {
		cfg := DefaultConfig()
		cfg.Endpoint = "https://127.0.0.1:1/api/v2/spans"
		cfg.CACert = path
		_, err := NewSession(cfg)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: want an error naming the file, have %v", path, err)
		}
	}
}

func TestTLSProtocolMismatchHints(t *testing.T) {
	t.Parallel()
	plain := httptest.NewServer(http.HandlerFunc(accept202))
	defer plain.Close()
	ca := newPrivateCA(t)
	secure := ca.server(t, http.HandlerFunc(accept202))
	for _, c := range []struct{ url, hint string }{
		{"https://" + plain.Listener.Addr().String() + secret.V2Path, "use http:// instead of https://"},
		{"http://" + secure.Listener.Addr().String() + secret.V2Path, "use https:// instead of http://"},
	} {
		s := sessionTo(t, c.url)
		p := s.Outbox().Probe(context.Background())
		if p.Class != outbox.ClassTLS || !strings.Contains(p.Hint, c.hint) {
			t.Errorf("%s: class %q, hint %q; want %q", c.url, p.Class, p.Hint, c.hint)
		}
	}
}

// A refused proxy is named; the collector is not blamed.
func TestProxyFailureNamesTheProxy(t *testing.T) {
	t.Parallel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	proxy, _ := url.Parse("http://proxyuser:proxypass@" + dead)
	for _, endpoint := range []string{"http://collector.example:9411/api/v2/spans", "https://collector.example/api/v2/spans"} {
		o := outbox.New(outbox.Options{Proxy: http.ProxyURL(proxy), Timeout: 2 * time.Second})
		ep, err := secret.ParseEndpoint(endpoint)
		if err != nil {
			t.Fatal(err)
		}
		o.SetEndpoint(ep, secret.NewMasker(ep, nil))
		o.Send(model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2}, Name: "x", Timestamp: time.Now()})
		var r outbox.DeliveryResult
		o.Flush(context.Background(), func(res outbox.DeliveryResult) { r = res })
		if r.Class != outbox.ClassProxy || !strings.Contains(r.Hint, "http://****@"+dead) || strings.Contains(r.Hint+r.Summary(), "proxypass") {
			t.Errorf("%s: class %q, hint %q", endpoint, r.Class, r.Hint)
		}
		_ = o.Close()
	}
}

// The same through the environment, as an operator sets it: HTTPS_PROXY is
// read once per process, so the check runs in a child test process.
func TestProxyFromEnvironmentIsNamed(t *testing.T) {
	t.Parallel()
	if addr := os.Getenv("PLAYGROUND_PROXY_CHILD"); addr != "" {
		o := outbox.New(outbox.Options{Timeout: 2 * time.Second})
		ep, _ := secret.ParseEndpoint("https://collector.example/api/v2/spans")
		o.SetEndpoint(ep, secret.NewMasker(ep, nil))
		r := o.Probe(context.Background())
		if r.Class != outbox.ClassProxy || !strings.Contains(r.Hint, addr) || !strings.Contains(r.Hint, "HTTPS_PROXY") {
			t.Fatalf("class %q, hint %q", r.Class, r.Hint)
		}
		return
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestProxyFromEnvironmentIsNamed$", "-test.v")
	cmd.Env = append(os.Environ(), "PLAYGROUND_PROXY_CHILD="+dead, "HTTPS_PROXY=http://"+dead, "NO_PROXY=")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Errorf("child: %v\n%s", err, out)
	}
}
