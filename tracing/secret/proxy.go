package secret

import (
	"encoding/base64"
	"net/url"
	"os"
	"strings"
)

// proxyEnv are the variables a proxy URL is read from: Go's HTTP client
// reads HTTPS_PROXY and HTTP_PROXY (either case); curl and others read
// ALL_PROXY too. Their user and password are as secret as the endpoint's.
var proxyEnv = []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"}

// envProxies are the proxy URLs set in this process's environment.
func envProxies() []string {
	var out []string
	for _, name := range proxyEnv {
		if v := os.Getenv(name); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// proxySecrets are a proxy URL's secrets (its userinfo, user and password,
// as given and unescaped, and the Basic credential Go's client makes of
// them for Proxy-Authorization), nil when it has none.
func proxySecrets(raw string) []string {
	out := secretsOf(raw)
	userinfo := splitURLText(raw).userinfo
	if userinfo == "" {
		return out
	}
	user, pass, _ := strings.Cut(userinfo, ":")
	basic := base64.StdEncoding.EncodeToString([]byte(unescape(user) + ":" + unescape(pass)))
	return append(out, headerSecrets("Basic "+basic)...)
}

// proxyForms are the ways a proxy URL is printed in full: as given, Go-quoted
// (in "invalid proxy address %q"), and as net/url writes it back.
func proxyForms(raw string) []string {
	forms := []string{raw, quotedForm(raw)}
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		forms = append(forms, u.String(), u.Redacted())
	}
	return forms
}
