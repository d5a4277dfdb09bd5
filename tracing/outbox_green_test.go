package tracing_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// requestLog is a server that records every request it gets and answers 200,
// as the target of a redirect would.
type requestLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	l.mu.Lock()
	l.reqs = append(l.reqs, r)
	l.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (l *requestLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.reqs)
}

// A 3xx is never followed, since only a collector's 2xx means arrived. Go
// follows 301/302/303 as a bodiless GET (whose 200 looked like a delivery)
// and 307/308 with the body, a Referer and the user's headers, all to
// another host.
func TestOutboxNeverFollowsRedirects(t *testing.T) {
	t.Parallel()
	target := &requestLog{}
	targetSrv := httptest.NewServer(target)
	defer targetSrv.Close()
	for _, code := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			location := targetSrv.URL + "/adapt_secret@tok123_abc@def/api/v2/spans?token=hunter22"
			var sawReferer string
			src := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				sawReferer = r.Header.Get("Referer")
				_, _ = io.Copy(io.Discard, r.Body)
				http.Redirect(w, r, location, code)
			}))
			defer src.Close()
			s := sessiontest.To(t, src.URL+"/tenant42/api/v2/spans?token=hunter22", func(c *tracing.Config) {
				c.Headers = []secret.Header{{Name: "X-Api-Key", Value: "key-0123456789"}}
			})
			sessiontest.Fill(t, s, 2, 2)
			results, sum := sessiontest.FlushAll(s)
			if target.count() != 0 {
				t.Fatalf("the redirect target got %d requests", target.count())
			}
			if sum.Delivered != 0 || sum.Failed != 4 {
				t.Errorf("a redirect delivers nothing: %+v", sum)
			}
			r := results[0]
			if r.OK() || r.Class != outbox.ClassRedirect || r.Status != code {
				t.Errorf("want class %q status %d, have %q %d", outbox.ClassRedirect, code, r.Class, r.Status)
			}
			wantHint := "the endpoint redirects to " + targetSrv.URL + "/****/api/v2/spans?token=****: use that URL"
			if r.Hint != wantHint {
				t.Errorf("hint:\nwant %q\nhave %q", wantHint, r.Hint)
			}
			if sawReferer != "" {
				t.Errorf("Referer sent: %q", sawReferer)
			}
			if strings.Contains(r.Summary(), "hunter22") || strings.Contains(r.Summary(), "tok123") {
				t.Errorf("summary leaks a secret: %s", r.Summary())
			}
			if want, have := 4, len(s.Outbox().PendingSpans()); want != have {
				t.Errorf("spans stay queued: want %d, have %d", want, have)
			}
			if p := s.Outbox().Probe(context.Background()); p.OK() || p.Class != outbox.ClassRedirect {
				t.Errorf("check must not be healthy on a redirect: %q %d", p.Class, p.Status)
			}
			if target.count() != 0 {
				t.Fatalf("the probe reached the redirect target")
			}
		})
	}
}

// A 2xx that is a web page (Jaeger's UI on 16686 answers a POST with
// 200 and its index.html) is not a delivery.
func TestOutboxRefusesHTMLAnswers(t *testing.T) {
	t.Parallel()
	const jaegerUI = "<!doctype html><html lang=\"en\"><head><title>Jaeger UI</title></head></html>"
	cases := []struct {
		name, contentType, body string
		want                    outbox.FailureClass
	}{
		{"text/html", "text/html; charset=utf-8", "ok", outbox.ClassNotCollector},
		{"doctype body", "application/octet-stream", jaegerUI, outbox.ClassNotCollector},
		{"html body after whitespace", "", "\n\t  <HTML><body>hi</body></HTML>", outbox.ClassNotCollector},
		{"upper-case doctype", "text/plain", "<!DOCTYPE HTML>", outbox.ClassNotCollector},
		{"json list", "application/json", "[]", outbox.ClassOK},
		{"empty 202", "", "", outbox.ClassOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header()["Content-Type"] = []string{c.contentType} // no sniffing by net/http
				w.WriteHeader(http.StatusOK)
				_, _ = io.WriteString(w, c.body)
			}))
			defer srv.Close()
			s := sessiontest.To(t, srv.URL+secret.V2Path)
			sessiontest.Fill(t, s, 1, 3)
			results, sum := sessiontest.FlushAll(s)
			r := results[0]
			if r.Class != c.want || r.OK() != (c.want == outbox.ClassOK) {
				t.Fatalf("class: want %q, have %q (ok %v)", c.want, r.Class, r.OK())
			}
			probe := s.Outbox().Probe(context.Background())
			if probe.Class != c.want || probe.OK() != (c.want == outbox.ClassOK) {
				t.Errorf("probe (check): want %q, have %q", c.want, probe.Class)
			}
			if c.want == outbox.ClassOK {
				return
			}
			if sum.Delivered != 0 || len(s.Outbox().PendingSpans()) != 3 {
				t.Errorf("spans must stay queued: %+v", sum)
			}
			wantHint := "this answers like a web page, not a Zipkin collector (Jaeger: UI on 16686, Zipkin receiver on 9411)"
			if r.Hint != wantHint {
				t.Errorf("hint: %q", r.Hint)
			}
		})
	}
}
