package secret

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The masker knows every form our own output gives a secret: shell-quoted
// in a curl line, JSON-escaped in --json or an echo, URL-encoded; and a
// credential header echoed back, ours or a proxy's.
func TestMaskerKnowsEveryForm(t *testing.T) {
	t.Parallel()
	const quoteSecret, jsonSecret = `it's-s3cr3t`, `a"b<c>s3cr3t`
	ep, err := ParseEndpoint("http://h/n0slashTOK/v2/spans")
	if err != nil {
		t.Fatal(err)
	}
	headers := []Header{{"Authorization", "Bearer " + quoteSecret}, {"X-Key", jsonSecret}}
	m := NewMasker(ep, headers)
	jsonEcho, _ := json.Marshal(map[string]string{"got": jsonSecret})
	for name, text := range map[string]string{
		"shell-quoted":          "curl -H " + "'" + shellQuoted("Authorization: Bearer "+quoteSecret) + "'",
		"shell-quoted alone":    "'" + shellQuoted(quoteSecret) + "'",
		"JSON-escaped":          string(jsonEcho),
		"JSON-escaped, no HTML": `{"got":"a\"b<c>s3cr3t"}`,
		"URL-encoded":           "GET /?k=" + url.QueryEscape(jsonSecret),
		"proxy echo":            "Proxy-Authorization: Basic cHJveHl1c2VyOnBAc3M=",
		"proxy echo as JSON":    `{"Proxy-Authorization":["Basic cHJveHl1c2VyOnBAc3M="],"Accept":["*/*"]}`,
		"proxy echo escaped":    `{"body":"{\"Proxy-Authorization\":\"Basic cHJveHl1c2VyOnBAc3M=\"}"}`,
		"cookie echo":           "Cookie: session=cHJveHl1c2VyOnBAc3M=",
		"path token echoed":     "unknown tenant n0slashTOK",
	} {
		out := m.Mask(text)
		for _, leak := range []string{"s3cr3t", "cHJveHl1c2VyOnBAc3M", "n0slashTOK"} {
			if strings.Contains(out, leak) {
				t.Errorf("%s: %q shows %q", name, out, leak)
			}
		}
	}
	if got := ep.Masked(); got != "http://h/****/v2/spans" {
		t.Errorf("a path token before /v2/spans: %q", got)
	}
	if got := m.Mask("-H 'Authorization: ****' \\"); got != "-H 'Authorization: ****' \\" {
		t.Errorf("a masked curl line changed: %q", got)
	}
}
