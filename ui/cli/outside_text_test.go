package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"zipkin-playground/tracing/testkit"
)

// hostile is text a server or a file may carry: an OSC that sets the window
// title, a screen clear, and CSI as one C1 character (U+009B) and as a byte.
const hostile = "\x1b]0;pwned\x07\x1b[2J\u009b31m\x9b"

// rawControl finds an ESC or a C1 control (as a character or a lone byte).
func rawControl(s string) (string, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b || (r >= 0x80 && r <= 0x9f) || (r == utf8.RuneError && size == 1 && s[i] >= 0x80 && s[i] <= 0x9f) {
			return s[max(0, i-40):min(len(s), i+40)], true
		}
		i += size
	}
	return "", false
}

// hostileServer is a collector and Zipkin query API whose every word is
// hostile: mode "400" refuses POSTs with a hostile body; "500" accepts them
// and answers every trace read with a hostile error; "tags" stores them and
// serves them back with a hostile tag.
func hostileServer(t *testing.T, mode string) string {
	t.Helper()
	var posted []map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && mode == "400":
			http.Error(w, hostile, http.StatusBadRequest)
		case r.Method == http.MethodPost:
			body, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(body, &posted)
			w.WriteHeader(http.StatusAccepted)
		case r.URL.Path == "/api/v2/services":
			_, _ = w.Write([]byte(`[]`))
		case mode == "500":
			http.Error(w, hostile, http.StatusInternalServerError)
		default:
			for _, s := range posted {
				s["tags"] = map[string]string{hostile: hostile}
			}
			_ = json.NewEncoder(w).Encode(posted)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// hostileTLS is an https server whose certificate names are hostile and not
// 127.0.0.1's, so the name check's error lists them.
func hostileTLS(t *testing.T) string {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "x"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"\x1b]0;pwned\x07.example", "\x1b[2J.example"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	srv := testkit.TLSServer(t, http.NotFoundHandler(), tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key})
	return strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) // by name: the error lists the names it has
}

// Every text from outside reaches the terminal through the sanitiser: a
// collector's 400 body (check), a certificate's names (check), verify's last
// answer and its difference lines (send --verify), scenario names (send), in
// text and in --json.
func TestNoRawControlFromOutside(t *testing.T) {
	t.Parallel()
	scenario := filepath.Join(t.TempDir(), "hostile.json")
	doc := map[string]any{"version": 1, "name": hostile, "description": hostile, "traces": []any{
		map[string]any{"name": hostile, "service": hostile, "durationMs": 5, "tags": map[string]string{hostile: hostile}},
	}}
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(scenario, b, 0o600); err != nil {
		t.Fatal(err)
	}
	verifyArgs := func(base string) []string {
		return []string{"--endpoint", base + "/api/v2/spans", "--verify", "--query", base, "--verify-timeout", "300ms"}
	}
	for name, args := range map[string][]string{
		"check 400":      {"check", "--endpoint", hostileServer(t, "400") + "/api/v2/spans"},
		"check tls":      {"check", "--endpoint", hostileTLS(t) + "/api/v2/spans"},
		"verify answer":  append([]string{"send"}, verifyArgs(hostileServer(t, "500"))...),
		"verify differs": append([]string{"send"}, verifyArgs(hostileServer(t, "tags"))...),
		"scenario":       {"send", scenario, "--listen", "127.0.0.1:0"},
	} {
		for _, format := range [][]string{nil, {"--json"}} {
			_, stdout, stderr := mainIn(t, nil, append(append([]string(nil), args...), format...)...)
			if at, ok := rawControl(stdout + stderr); ok {
				t.Errorf("%s %v: raw control near %q", name, format, at)
			}
			if format != nil && !json.Valid([]byte(stdout)) {
				t.Errorf("%s --json: not JSON:\n%s", name, stdout)
			}
			if !strings.Contains(stdout+stderr, `\x1b`) && !strings.Contains(stdout+stderr, `\u001b`) && name != "scenario" {
				t.Errorf("%s %v: the hostile text is not shown at all:\n%s%s", name, format, stdout, stderr)
			}
		}
	}
}
