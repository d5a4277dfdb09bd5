package tracing_test

import (
	"context"
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

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

func accept202(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }

func TestTLSPrivateCA(t *testing.T) {
	t.Parallel()
	ca := testkit.NewPrivateCA(t)
	srv := ca.Server(t, http.HandlerFunc(accept202))

	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sessiontest.Fill(t, s, 1, 2)
	results, _ := sessiontest.FlushAll(s)
	r := results[0]
	if r.Class != outbox.ClassTLS || !strings.Contains(r.Hint, "not signed by a trusted CA") || strings.Contains(r.Hint, "http vs https") {
		t.Errorf("unknown authority: class %q, hint %q", r.Class, r.Hint)
	}

	s = sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.CACert = ca.PEMFile })
	sessiontest.Fill(t, s, 1, 2)
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 2 {
		t.Errorf("with the CA trusted: %+v", sum)
	}
	if w := s.Outbox().Warnings(); len(w) != 0 {
		t.Errorf("no warning without insecure: %v", w)
	}

	s = sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) { c.Insecure = true })
	sessiontest.Fill(t, s, 1, 2)
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 2 {
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
		cfg := tracing.DefaultConfig()
		cfg.Endpoint = "https://127.0.0.1:1/api/v2/spans"
		cfg.CACert = path
		_, err := tracing.NewSession(cfg)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: want an error naming the file, have %v", path, err)
		}
	}
}

func TestTLSProtocolMismatchHints(t *testing.T) {
	t.Parallel()
	plain := httptest.NewServer(http.HandlerFunc(accept202))
	defer plain.Close()
	ca := testkit.NewPrivateCA(t)
	secure := ca.Server(t, http.HandlerFunc(accept202))
	for _, c := range []struct{ url, hint string }{
		{"https://" + plain.Listener.Addr().String() + secret.V2Path, "use http:// instead of https://"},
		{"http://" + secure.Listener.Addr().String() + secret.V2Path, "use https:// instead of http://"},
	} {
		s := sessiontest.To(t, c.url)
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
