package secret

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
)

// secretForms are the ways a secret appears in what the program itself
// prints: as given, URL-encoded (path and query), Go-quoted (in errors),
// shell-quoted (a curl line quotes ' as '\”), and JSON-escaped (with and
// without HTML escaping, as --json and a server's echo write it).
func secretForms(s string) []string {
	return []string{s, url.PathEscape(s), url.QueryEscape(s), quotedForm(s), shellQuoted(s), jsonForm(s, true), jsonForm(s, false)}
}

// shellQuoted is s inside single quotes as a shell line writes it.
func shellQuoted(s string) string { return strings.ReplaceAll(s, "'", `'\''`) }

// jsonForm is s as a JSON string's contents.
func jsonForm(s string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if enc.Encode(s) != nil {
		return s
	}
	q := strings.TrimSpace(b.String())
	return q[1 : len(q)-1]
}

// credentialHeader finds the value of a credential header echoed back in any
// text — "Proxy-Authorization: Basic …" from a proxy, {"X-Api-Key":"…"} or
// {"Cookie":["…"]} from a debugging endpoint, JSON-escaped or not — whether
// or not it is one of the user's: a proxy's own credentials (from
// HTTPS_PROXY) are as secret.
var credentialHeader = regexp.MustCompile(`(?i)((?:^|[\s"'{,\[(])(?:proxy-authorization|authorization|proxy-authenticate|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|dd-api-key|x-honeycomb-team|x-sf-token|signalfx-token|lightstep-access-token|x-insert-key|x-license-key)\\?"?\s*[:=]\s*\[?\s*\\?"?)([^"'\\\r\n]+)`)

// maskCredentialHeaders masks every credential header value in s.
func maskCredentialHeaders(s string) string {
	if !strings.ContainsAny(s, ":=") {
		return s
	}
	return credentialHeader.ReplaceAllString(s, "${1}"+MaskText)
}

// spansSuffix is where a path ends in a spans endpoint (/v2/spans,
// /v1/spans, /spans), -1 when it does not.
func spansSuffix(path string) int {
	p := strings.TrimSuffix(path, "/")
	for _, end := range []string{"/v2/spans", "/v1/spans", "/spans"} {
		if strings.HasSuffix(p, end) {
			return len(p) - len(end)
		}
	}
	return -1
}
