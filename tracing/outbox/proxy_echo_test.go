package outbox

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
)

// A proxy that echoes the request (its Proxy-Authorization included, made
// from the proxy URL's user and password) in its error shows no credential.
func TestProxyEchoMasked(t *testing.T) {
	t.Parallel()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_ = json.NewEncoder(w).Encode(r.Header)
	}))
	defer proxy.Close()
	pu, _ := url.Parse(strings.Replace(proxy.URL, "http://", "http://proxyuser:pr0xypass@", 1))
	o := New(Options{Proxy: http.ProxyURL(pu), Timeout: 2 * time.Second})
	defer o.Close()
	ep, _ := secret.ParseEndpoint("http://collector.example:9411/api/v2/spans")
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	o.Send(model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2}, Name: "x", Timestamp: time.Now()})
	var r DeliveryResult
	o.Flush(context.Background(), func(res DeliveryResult) { r = res })
	basic := base64.StdEncoding.EncodeToString([]byte("proxyuser:pr0xypass"))
	if r.Status != http.StatusBadGateway || !strings.Contains(r.Message, "Proxy-Authorization") {
		t.Fatalf("the proxy's echo: %d %q", r.Status, r.Message)
	}
	if strings.Contains(r.Message, basic) || strings.Contains(r.Message, "pr0xypass") {
		t.Errorf("the proxy's credentials show: %q", r.Message)
	}
}
