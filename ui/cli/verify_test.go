package cli

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// droppingCollector answers 202 to every POST and stores nothing; it serves
// Zipkin's query API (an empty one) so that verification can look.
func droppingCollector(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusAccepted)
		case r.URL.Path == "/api/v2/services":
			_, _ = w.Write([]byte(`[]`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestSendVerifiesEmbeddedReceiver: send always reads back from the embedded
// receiver: one line per trace, and verified/traces in --json.
func TestSendVerifiesEmbeddedReceiver(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := mainIn(t, nil, "send", "--listen", "127.0.0.1:0")
	if code != ExitOK || !regexp.MustCompile(`verify +[0-9a-f]{16}  verified 4/4 spans in `).MatchString(stdout) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, rep, stderr := runSend(t)
	if code != ExitOK || rep.Verified == nil || *rep.Verified != 4 || len(rep.Traces) != 1 || rep.Traces[0].State != "verified" || rep.QueryAPI != "zipkin" {
		t.Fatalf("exit %d, report %+v\n%s", code, rep, stderr)
	}
}

// TestSendVerifyMissing: accepted but never stored is missing once
// --verify-timeout runs out: exit 1 with the hint, secrets of the query URL
// masked everywhere.
func TestSendVerifyMissing(t *testing.T) {
	t.Parallel()
	base := droppingCollector(t)
	query := strings.Replace(base, "http://", "http://ops:hunter2@", 1) + "?token=s3cr3tvalue"
	code, rep, stderr := runSend(t, "--endpoint", base+"/api/v2/spans", "--verify", "--query", query, "--verify-timeout", "300ms")
	if code != ExitFailed || len(rep.Traces) != 1 || rep.Traces[0].State != "missing" || rep.Traces[0].Found != 0 || *rep.Verified != 0 {
		t.Fatalf("exit %d, report %+v", code, rep)
	}
	if !strings.Contains(stderr, "1 of 1 traces missing from the query API after 300ms") || !strings.Contains(stderr, notStoredHint) {
		t.Errorf("stderr: %s", stderr)
	}
	_, stdout, stderr := mainIn(t, nil, "send", "--endpoint", base+"/api/v2/spans", "--verify", "--query", query, "--verify-timeout", "300ms")
	if !regexp.MustCompile(`verify +[0-9a-f]{16}  missing after 300ms`).MatchString(stdout) {
		t.Errorf("text report:\n%s", stdout)
	}
	for _, secret := range []string{"hunter2", "s3cr3tvalue"} {
		if strings.Contains(stdout+stderr+rep.Query, secret) {
			t.Errorf("secret %q printed", secret)
		}
	}
}

// TestSendVerifyWithoutQueryAPI: Jaeger's Zipkin receiver answers every GET
// with 400, so its origin is no query API: --verify fails and says where to
// look.
func TestSendVerifyWithoutQueryAPI(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		http.Error(w, "unexpected end of JSON input", http.StatusBadRequest)
	}))
	defer srv.Close()
	code, rep, stderr := runSend(t, "--endpoint", srv.URL+"/api/v2/spans", "--verify")
	if code != ExitFailed || rep.Delivered != 4 || !strings.Contains(rep.VerifyError, "no query API at") ||
		!strings.Contains(stderr, "(Jaeger: http://127.0.0.1:16686)") {
		t.Fatalf("exit %d, report %+v\n%s", code, rep, stderr)
	}
}

// TestCheckVerify: healthy only when the probe span is read back.
func TestCheckVerify(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := mainIn(t, nil, "check", "--listen", "127.0.0.1:0")
	if code != ExitOK || !strings.Contains(stdout, "stored     accepted and stored, read back in ") {
		t.Fatalf("embedded receiver: exit %d\n%s%s", code, stdout, stderr)
	}
	base := droppingCollector(t)
	code, stdout, stderr = mainIn(t, nil, "check", "--endpoint", base+"/api/v2/spans", "--verify", "--verify-timeout", "300ms")
	if code != ExitFailed || !strings.Contains(stdout, "verdict    NOT healthy") || !strings.Contains(stdout, "stored     NOT read back") ||
		!strings.Contains(stderr, notStoredHint) {
		t.Fatalf("dropping collector: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = mainIn(t, nil, "check", "--endpoint", base+"/api/v2/spans")
	if code != ExitOK || strings.Contains(stdout, "stored ") {
		t.Errorf("without --verify check only probes: exit %d\n%s", code, stdout)
	}
}
