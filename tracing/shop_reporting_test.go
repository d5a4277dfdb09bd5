package tracing

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/shop"
	"zipkin-playground/tracing/zipkinv1"
)

func TestTheShopReportsWithTheSessionsHeadersAndEncoding(t *testing.T) {
	t.Parallel()
	var (
		mu   sync.Mutex
		seen []http.Header
	)
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer collector.Close()
	cfg := DefaultConfig()
	cfg.Endpoint = collector.URL + "/api/v1/spans"
	cfg.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer s3cret"}}
	s, err := NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.ShopReporting()
	if err != nil {
		t.Fatal(err)
	}
	sh, err := shop.Start(rep)
	if err != nil {
		t.Fatal(err)
	}
	sh.Call(context.Background(), sh.Routes()[0], nil)
	sh.Stop()
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 {
		t.Fatal("the shop reported nothing")
	}
	for _, h := range seen {
		if want, have := "Bearer s3cret", h.Get("Authorization"); want != have {
			t.Errorf("Authorization: want the session's header, have %q", have)
		}
		if want, have := (zipkinv1.V1JSONSerializer{}).ContentType(), h.Get("Content-Type"); want != have {
			t.Errorf("a v1 path: want %s, have %s", want, have)
		}
	}
}

func TestShopReportingWaitsForTheReceiversAddress(t *testing.T) {
	t.Parallel()
	s := &Session{endpoint: secret.Endpoint{Local: true}} // the embedded receiver, before it listens
	if _, err := s.ShopReporting(); err != ErrEndpointNotReady {
		t.Errorf("want ErrEndpointNotReady, have %v", err)
	}
}

func TestShopReportingGzipsWhenTheSessionDoes(t *testing.T) {
	t.Parallel()
	for _, gz := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.Endpoint = "http://127.0.0.1:1/api/v2/spans"
		cfg.Gzip = gz
		s, err := NewSession(cfg)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.ShopReporting()
		_ = s.Close()
		if err != nil || rep.Gzip != gz {
			t.Errorf("--gzip %v: the shop's reporting should follow, has Gzip %v (err %v)", gz, rep.Gzip, err)
		}
	}
}
