package tracing

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Verification reads back from the backend delivery reached: a private-CA
// backend trusted with the CA file (or reached with insecure) is verified,
// not "NOT healthy" for want of the CA.
func TestVerificationTrustsWhatDeliveryTrusts(t *testing.T) {
	t.Parallel()
	ca := newPrivateCA(t)
	recv := startTestReceiver(t, ReceiverOptions{})
	srv := ca.server(t, recv.routes()) // the receiver's own Zipkin API, over TLS
	for name, mutate := range map[string]func(*Config){
		"cacert":   func(c *Config) { c.CACert = ca.pemFile },
		"insecure": func(c *Config) { c.Insecure = true },
	} {
		s := sessionTo(t, srv.URL+V2Path, mutate)
		fillSession(t, s, 1, 2)
		if _, sum := flushAll(s); sum.Delivered != 2 {
			t.Fatalf("%s: delivery %+v", name, sum)
		}
		api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		traces := recv.Traces()
		spans, err := api.Trace(context.Background(), traces[len(traces)-1].TraceID)
		if err != nil || len(spans) != 2 {
			t.Errorf("%s: read back %d spans, %v", name, len(spans), err)
		}
	}
	// Without either, verification fails as delivery does.
	cfg := DefaultConfig()
	cfg.Endpoint = srv.URL + V2Path
	ep, _ := ParseEndpoint(cfg.Endpoint)
	if api, err := QueryAPIFor(context.Background(), cfg, ep, QueryOptions{}); err == nil {
		t.Errorf("an untrusted CA detected as %s", api.Kind())
	}
}

// The one client: the proxy given is used, and a redirect is answered, not
// followed (so no Referer and no header ever goes to another host).
func TestHTTPClientProxyAndNoRedirects(t *testing.T) {
	t.Parallel()
	var followed, proxied bool
	mux := http.NewServeMux()
	mux.HandleFunc("/elsewhere", func(http.ResponseWriter, *http.Request) { followed = true })
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, "/elsewhere", http.StatusTemporaryRedirect)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := NewHTTPClient(ClientOptions{Proxy: func(*http.Request) (*url.URL, error) { proxied = true; return nil, nil }})
	resp, err := c.Post(srv.URL+"/api/v2/spans", "application/json", strings.NewReader("[]"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || followed || !proxied {
		t.Errorf("status %d, followed %v, proxy asked %v", resp.StatusCode, followed, proxied)
	}
}
