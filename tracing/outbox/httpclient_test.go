package outbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

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
		t.Errorf("status %d, followed %v, proxied %v", resp.StatusCode, followed, proxied)
	}
}
