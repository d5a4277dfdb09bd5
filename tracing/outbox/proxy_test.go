package outbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
)

// A proxy that wants credentials answers 407 to a proxied POST (http
// endpoint) and to a CONNECT (https endpoint): both are the proxy's
// failure, with the hint that it wants credentials, and the refused
// CONNECT's status says what the proxy said.
func TestProxy407IsTheProxys(t *testing.T) {
	t.Parallel()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	defer proxy.Close()
	pu, _ := url.Parse(proxy.URL)
	for _, endpoint := range []string{"http://collector.invalid:9411/api/v2/spans", "https://collector.invalid/api/v2/spans"} {
		o := New(Options{Proxy: http.ProxyURL(pu), Timeout: 5 * time.Second})
		ep, _ := secret.ParseEndpoint(endpoint)
		o.SetEndpoint(ep, secret.NewMasker(ep, nil))
		o.Send(model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2}, Name: "x", Timestamp: time.Now()})
		var r DeliveryResult
		o.Flush(context.Background(), func(res DeliveryResult) { r = res })
		o.Close()
		if r.Class != ClassProxy || !strings.Contains(r.Hint, "proxy wants credentials") || !strings.Contains(r.Summary(), "407") {
			t.Errorf("%s: class %q, %s", endpoint, r.Class, r.Summary())
		}
	}
}
