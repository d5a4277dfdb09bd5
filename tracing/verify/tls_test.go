package verify

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
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// privateTLS is the embedded receiver behind a TLS proxy whose certificate
// a private CA signed, as a company's internal collector; and the CA's file.
func privateTLS(t *testing.T) (base, caFile string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leaf, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{SerialNumber: big.NewInt(2),
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}},
		ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	rcv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rcv.Close() })
	target, _ := url.Parse("http://" + rcv.Addr())
	srv := httptest.NewUnstartedServer(httputil.NewSingleHostReverseProxy(target))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leaf}, PrivateKey: key}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL, caFile
}

// Verification reads back from the backend delivery reached: a private-CA
// backend trusted with the CA file (or reached with insecure) is verified,
// not "NOT healthy" for want of the CA.
func TestVerificationTrustsWhatDeliveryTrusts(t *testing.T) {
	t.Parallel()
	base, caFile := privateTLS(t)
	for name, mutate := range map[string]func(*tracing.Config){
		"cacert":   func(c *tracing.Config) { c.CACert = caFile },
		"insecure": func(c *tracing.Config) { c.Insecure = true },
	} {
		s := sessionTo(t, base+secret.V2Path, mutate)
		sent := demoTrace(t, s, "trusted")
		if _, sum := flushAll(s); sum.Delivered != len(sent) {
			t.Fatalf("%s: delivery %+v", name, sum)
		}
		api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stored, err := api.Trace(context.Background(), sent[0].TraceID)
		if err != nil || len(stored) != 4 {
			t.Errorf("%s: read back %d spans, %v", name, len(stored), err)
		}
	}
	// Without either, verification fails as delivery does.
	cfg := tracing.DefaultConfig()
	ep, _ := secret.ParseEndpoint(base + secret.V2Path)
	if api, err := QueryAPIFor(context.Background(), cfg, ep, QueryOptions{}); err == nil {
		t.Errorf("an untrusted CA detected as %s", api.Kind())
	}
}
