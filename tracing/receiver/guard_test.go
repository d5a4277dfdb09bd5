package receiver

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"zipkin-playground/tracing/secret"
)

// send makes one request to the receiver with the given Host and headers.
func send(t *testing.T, r *Receiver, method, path, host, body string, headers ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+r.Addr()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

const guardSpan = `[{"traceId":"00000000000000aa","id":"0000000000000001","name":"x"}]`

// A page whose name was rebound to 127.0.0.1 sends its own name as Host: it
// is refused, for reads and writes alike; loopback names are served.
func TestReceiverRefusesForeignHost(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	_, port, _ := strings.Cut(r.Addr(), ":")
	for _, c := range []struct {
		method, host string
		want         int
	}{
		{"GET", "rebind.example:" + port, 403},
		{"POST", "rebind.example:" + port, 403},
		{"GET", "127.0.0.1.nip.io:" + port, 403},
		{"GET", "localhost:" + port, 200},
		{"GET", "LOCALHOST.:" + port, 200},
		{"GET", "app.localhost:" + port, 200},
		{"GET", "[::1]:" + port, 200},
		{"GET", r.Addr(), 200},
	} {
		path := "/api/v2/services"
		if c.method == "POST" {
			path = secret.V2Path
		}
		if resp := send(t, r, c.method, path, c.host, guardSpan, "Content-Type", "application/json"); resp.StatusCode != c.want && !(c.method == "POST" && c.want == 202) {
			t.Errorf("%s with Host %s: %d, want %d", c.method, c.host, resp.StatusCode, c.want)
		}
	}
	if s := r.Stats(); s.Spans != 0 {
		t.Errorf("%d spans stored from a foreign Host", s.Spans)
	}
}

// Listening beyond loopback, attendees reach the receiver by names it cannot
// know: Host is not checked.
func TestReceiverBeyondLoopbackServesAnyHost(t *testing.T) {
	t.Parallel()
	r, err := Start("0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if resp := send(t, r, "GET", "/api/v2/services", "workshop.lan:9411", ""); resp.StatusCode != 200 {
		t.Errorf("GET with Host workshop.lan: %d", resp.StatusCode)
	}
}

// A web page cannot write: a simple-request POST (text/plain, no preflight)
// or any POST from a foreign Origin is refused and stores nothing; a page
// served from loopback and a client with no Origin (curl, an SDK) write.
func TestReceiverRefusesCrossSiteWrites(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	for _, c := range []struct {
		origin, ct string
		want       int
	}{
		{"https://evil.example", "text/plain", 403},
		{"https://evil.example", "application/x-www-form-urlencoded", 403},
		{"https://evil.example", "application/json", 403},
		{"null", "text/plain", 403},
		{"http://localhost:3000", "application/json", 202},
		{"", "text/plain", 202},
	} {
		resp := send(t, r, "POST", secret.V2Path, "", guardSpan, "Content-Type", c.ct, "Origin", c.origin)
		if resp.StatusCode != c.want {
			t.Errorf("POST %s from Origin %q: %d, want %d", c.ct, c.origin, resp.StatusCode, c.want)
		}
	}
	if s := r.Stats(); s.Batches != 2 {
		t.Errorf("%d batches stored, want the 2 allowed", s.Batches)
	}
}

// Chrome asks before a public page reaches a private address; the answer is
// no. A POST preflight from a foreign Origin is refused; a GET preflight
// (Grafana, Lens) is still answered.
func TestReceiverRefusesPrivateNetworkPreflight(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	for _, c := range []struct {
		name    string
		headers []string
		want    int
	}{
		{"private network", []string{"Origin", "https://evil.example", "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network", "true"}, 403},
		{"foreign POST", []string{"Origin", "https://evil.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"}, 403},
		{"GET", []string{"Origin", "http://grafana.local", "Access-Control-Request-Method", "GET"}, 204},
		{"local POST", []string{"Origin", "http://localhost:8080", "Access-Control-Request-Method", "POST"}, 204},
	} {
		resp := send(t, r, "OPTIONS", secret.V2Path, "", "", c.headers...)
		if resp.StatusCode != c.want || resp.Header.Get("Access-Control-Allow-Private-Network") != "" {
			t.Errorf("%s preflight: %d %v, want %d", c.name, resp.StatusCode, resp.Header, c.want)
		}
	}
}
