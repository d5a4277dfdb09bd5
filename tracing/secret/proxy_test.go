package secret

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// TestMaskerHidesEnvProxyCredentials: a proxy URL in the environment, as a
// user sets it, has its user and password masked in every form the program
// or a proxy may print them. Not parallel: it sets the environment.
func TestMaskerHidesEnvProxyCredentials(t *testing.T) {
	const user, pass = "pxuser7", `s3cr/3t&<pw>"`
	raw := "http://" + user + ":" + url.QueryEscape(pass) + "@proxy.example:3128"
	t.Setenv("https_proxy", raw)
	m := NewMasker(LocalEndpointAt("127.0.0.1:9411"), nil)
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	jsonText, _ := json.Marshal("echo: " + user + ":" + pass)
	for _, in := range []string{
		`invalid proxy address "` + raw + `"`,
		"proxy " + u.String() + " and " + u.Redacted(),
		"bad credentials " + user + ":" + pass,
		"token " + basic + " alone",
		string(jsonText),
		"user=" + user + "&pass=" + url.QueryEscape(pass),
		"path /" + url.PathEscape(pass) + "/",
	} {
		out := m.Mask(in)
		for _, leak := range []string{user, pass, url.QueryEscape(pass), url.PathEscape(pass), basic, "3t&", `3t\u0026`, "s3cr"} {
			if strings.Contains(out, leak) {
				t.Errorf("Mask(%q) = %q shows %q", in, out, leak)
			}
		}
	}
	if have := m.Mask("proxy.example:3128 refused"); have != "proxy.example:3128 refused" {
		t.Errorf("the proxy's host is no secret: %q", have)
	}
}
