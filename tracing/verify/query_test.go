package verify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// jaegerUILike answers like Jaeger's port 16686 (measured): its API under
// /api/, and 200 with an HTML page for any other GET.
func jaegerUILike() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/services", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":null,"total":0,"limit":0,"offset":0,"errors":null}`))
	})
	mux.HandleFunc("GET /", htmlPage)
	return mux
}

func htmlPage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><title>Jaeger UI</title></html>"))
}

func mustQueryURL(t *testing.T, raw string) secret.Endpoint {
	t.Helper()
	ep, err := ParseQueryURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func TestDetectQueryAPI(t *testing.T) {
	t.Parallel()
	rcv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer rcv.Close()
	jaeger := httptest.NewServer(jaegerUILike())
	defer jaeger.Close()
	// Jaeger's Zipkin receiver answers every GET with 400 (measured).
	zipkinReceiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "unexpected end of JSON input", http.StatusBadRequest)
	}))
	defer zipkinReceiver.Close()
	web := httptest.NewServer(http.HandlerFunc(htmlPage))
	defer web.Close()

	for _, tc := range []struct {
		name, base, kind string
	}{
		{"embedded receiver", "http://" + rcv.Addr(), QueryKindZipkin},
		{"its spans URL works too", rcv.URL(), QueryKindZipkin},
		{"Jaeger's UI port", jaeger.URL, QueryKindJaeger},
		{"Jaeger's Zipkin receiver", zipkinReceiver.URL, ""},
		{"a web page for every GET", web.URL, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api, err := detectQueryAPI(context.Background(), mustQueryURL(t, tc.base), QueryOptions{})
			if tc.kind == "" {
				if !errors.Is(err, errNoQueryAPI) {
					t.Fatalf("want errNoQueryAPI, have %v, %v", api, err)
				}
				if want := "pass the query URL (Jaeger: http://127.0.0.1:16686)"; !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks the hint %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if have := api.Kind(); have != tc.kind {
				t.Errorf("kind: want %s, have %s", tc.kind, have)
			}
		})
	}
}

// TestQueryMasksSecretsAndNeverFollowsRedirects: the query URL's userinfo,
// auth segment and query values never show, and a redirect is reported, not
// followed (the target is never reached).
func TestQueryMasksSecretsAndNeverFollowsRedirects(t *testing.T) {
	t.Parallel()
	var reached atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		reached.Add(1)
		_, _ = w.Write([]byte(`[]`))
	}))
	defer target.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path+"?token=s3cr3t-t0ken", http.StatusFound)
	}))
	defer redirect.Close()

	secrets := []string{"hunter2", "adapt_aokcdq@123456ff_abcdef@abcdef123", "s3cr3t-t0ken", "k3y-value"}
	raw := strings.Replace(redirect.URL, "http://", "http://ops:hunter2@", 1) +
		"/adapt_aokcdq@123456ff_abcdef@abcdef123/api/v2/spans?apikey=k3y-value"
	ep, err := secret.ParseEndpoint(raw)
	if err != nil {
		t.Fatal(err)
	}
	base := defaultQueryURL(ep)
	if want, have := "/adapt_aokcdq@123456ff_abcdef@abcdef123", base.URL().Path; want != have {
		t.Errorf("default query URL keeps the prefix before /api/: want %q, have %q", want, have)
	}
	_, err = detectQueryAPI(context.Background(), base, QueryOptions{})
	if err == nil {
		t.Fatal("a redirecting query URL was accepted")
	}
	if !strings.Contains(err.Error(), "redirects to") {
		t.Errorf("error does not say it redirects: %v", err)
	}
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) {
			t.Errorf("secret %q in %q", s, err)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the redirect was followed %d times", n)
	}
	if masked := base.Masked(); strings.Contains(masked, "hunter2") || strings.Contains(masked, "k3y-value") {
		t.Errorf("masked base shows a secret: %s", masked)
	}
}
