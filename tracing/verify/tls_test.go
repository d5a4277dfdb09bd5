package verify

import (
	"context"
	"net/http/httputil"
	"net/url"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// privateTLS is the embedded receiver behind a TLS proxy whose certificate
// a private CA signed, as a company's internal collector; and the CA's file.
func privateTLS(t *testing.T) (base, caFile string) {
	t.Helper()
	ca := testkit.NewPrivateCA(t)
	rcv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rcv.Close() })
	target, _ := url.Parse("http://" + rcv.Addr())
	return ca.Server(t, httputil.NewSingleHostReverseProxy(target)).URL, ca.PEMFile
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
		s := sessiontest.To(t, base+secret.V2Path, mutate)
		sent := demoTrace(t, s, "trusted")
		if _, sum := sessiontest.FlushAll(s); sum.Delivered != len(sent) {
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
