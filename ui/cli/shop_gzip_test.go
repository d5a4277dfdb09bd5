package cli

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"zipkin-playground/tracing/shop"
)

// gzipCollector is a collector that keeps, per POST, its Content-Encoding
// and its body (gunzipped when it says gzip).
type gzipCollector struct {
	mu    sync.Mutex
	posts []gzipPost
}

type gzipPost struct{ encoding, body string }

func (c *gzipCollector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	c.posts = append(c.posts, gzipPost{r.Header.Get("Content-Encoding"), string(raw)})
	c.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func TestShopCommandGzipsWhatItsServicesReport(t *testing.T) {
	t.Parallel()
	coll := &gzipCollector{}
	srv := httptest.NewServer(coll)
	defer srv.Close()
	opts, rest, err := ParseArgs("shop", []string{"--gzip", "--sampler", "always", "--endpoint", srv.URL + "/api/v2/spans"},
		func(string) string { return "" })
	if err != nil || len(rest) != 0 {
		t.Fatalf("shop --gzip: %v %v", err, rest)
	}
	out, errOut := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := runShop(ctx, opts, Env{Stdout: out, Stderr: errOut}, func(_ *shop.Shop, curl string) {
		if status := doCurl(t, curl); status != http.StatusOK {
			t.Errorf("the printed curl got %d", status)
		}
		cancel()
	})
	if code != ExitOK {
		t.Fatalf("shop exited %d: %s", code, errOut.String())
	}
	coll.mu.Lock()
	defer coll.mu.Unlock()
	services := map[string]bool{}
	for _, p := range coll.posts {
		if p.encoding != "gzip" {
			t.Errorf("a POST without Content-Encoding: gzip (%q): %.200s", p.encoding, p.body)
		}
		for _, svc := range []string{"gateway", "checkout", "inventory", "payments"} {
			if strings.Contains(p.body, `"serviceName":"`+svc+`"`) {
				services[svc] = true
			}
		}
	}
	if len(services) != 4 {
		t.Errorf("want gzipped spans from the four services, have %v in %d POSTs; stderr: %s", services, len(coll.posts), errOut.String())
	}
}
