package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

// The redirect hint says where to go: masked only where the target carries
// a secret, and whole once v reveals secrets (hidden again by v).
func TestRedirectHintShowsItsTarget(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/tok3n-42/api/v2/spans", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	m := newModel(t, 160, 40, func(c *tracing.Config) { c.Endpoint = srv.URL + "/api/v2/spans"; c.Retries = 0 })
	m, _ = press(t, m, "n", "enter", "f")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	masked := "redirects to " + srv.URL + "/****/api/v2/spans: use that URL"
	if view := m.View(); !strings.Contains(view, masked) {
		t.Fatalf("want %q on screen:\n%s", masked, view)
	}
	m, _ = press(t, m, "v")
	if view := m.View(); !strings.Contains(view, srv.URL+"/tok3n-42/api/v2/spans") {
		t.Errorf("v must reveal the redirect's target:\n%s", view)
	}
	m, _ = press(t, m, "v")
	if view := m.View(); strings.Contains(view, "tok3n") || !strings.Contains(view, masked) {
		t.Errorf("v again must mask it again:\n%s", view)
	}
}
