package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A web page answering the POST (Jaeger's UI port) is said once: the batch's
// line names it a web page with the hint, the exit sentence says why, and
// the page's HTML is not printed.
func TestSendToAWebPageSaysItOnce(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><html><head><title>Jaeger UI</title></head><body></body></html>")
	}))
	defer srv.Close()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, RetrySleep: noWait}
	code := Main([]string{"send", "--endpoint", srv.URL + "/api/v2/spans", "--retries", "0"}, env, nil)
	out := stdout.String() + stderr.String()
	if code != ExitFailed {
		t.Errorf("exit %d, want %d:\n%s", code, ExitFailed, out)
	}
	if want, have := 1, strings.Count(out, "not a Zipkin collector"); want != have {
		t.Errorf("the hint is said %d times, want %d:\n%s", have, want, out)
	}
	if strings.Contains(out, "<html") || strings.Contains(out, "doctype") {
		t.Errorf("the page's HTML is printed:\n%s", out)
	}
	if !strings.Contains(out, "web page") {
		t.Errorf("nothing says it is a web page:\n%s", out)
	}
}
