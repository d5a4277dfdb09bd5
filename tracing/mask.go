package tracing

import (
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// MaskText is what stands in for a secret on screen and in every report.
const MaskText = "****"

// minSecretLen is the shortest secret replaced inside free text; shorter ones
// ("1", "ok") would mangle unrelated words. URLs are masked by structure, so a
// short password there is still hidden.
const minSecretLen = 3

// Masker hides the secrets of one configuration (endpoint URL and header
// values) in any text the program shows.
type Masker struct {
	urls    []string // raw URLs, replaced by their structurally masked form
	masked  []string // masked form of urls[i]
	secrets []string // longest first
}

// NewMasker builds a Masker for an endpoint and the user's extra headers.
func NewMasker(ep Endpoint, headers []Header) *Masker {
	m := &Masker{}
	if ep.raw != "" {
		m.urls = append(m.urls, ep.raw)
		m.masked = append(m.masked, maskURL(ep.raw))
	}
	m.secrets = append(m.secrets, ep.secrets...)
	for _, h := range headers {
		m.secrets = append(m.secrets, h.Value)
	}
	m.secrets = sortSecrets(m.secrets)
	return m
}

// Mask replaces every secret found in s.
func (m *Masker) Mask(s string) string {
	if m == nil {
		return s
	}
	for i, u := range m.urls {
		s = strings.ReplaceAll(s, u, m.masked[i])
	}
	return maskAll(s, m.secrets)
}

// longest is the length of the longest secret or URL m replaces: reading that
// much past a limit before masking keeps a secret at the limit whole.
func (m *Masker) longest() int {
	if m == nil {
		return 0
	}
	n := 0
	for _, s := range append(append([]string(nil), m.urls...), m.secrets...) {
		n = max(n, len(s))
	}
	return n
}

// MaskURL is raw with its secrets masked by structure (userinfo, query
// values, the path before /api/), for a URL that is not the configured
// endpoint: a redirect's Location, a proxy.
func MaskURL(raw string) string { return maskURL(raw) }

func sortSecrets(secrets []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range secrets {
		for _, form := range []string{s, url.PathEscape(s), url.QueryEscape(s)} {
			if len(form) >= minSecretLen && !seen[form] {
				seen[form] = true
				out = append(out, form)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func maskAll(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= minSecretLen {
			s = strings.ReplaceAll(s, sec, MaskText)
		}
	}
	return s
}

// secretsOf lists the secret parts of a raw URL: userinfo, query values and
// credential-looking path segments before /api/.
func secretsOf(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		// Still hide anything that looks like a credential in what was typed.
		return sortSecrets(credentialSegments(raw))
	}
	var out []string
	if u.User != nil {
		out = append(out, u.User.String())
		if p, ok := u.User.Password(); ok {
			out = append(out, p)
		}
	}
	for _, vals := range u.Query() {
		out = append(out, vals...)
	}
	out = append(out, credentialSegments(u.Path)...)
	return sortSecrets(out)
}

// maskURL rebuilds a URL with its secrets masked by structure, so even a short
// password or query value is hidden.
func maskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return maskAll(raw, sortSecrets(credentialSegments(raw)))
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(MaskText + "@")
	}
	b.WriteString(u.Host)
	b.WriteString(maskPath(u.EscapedPath()))
	if u.RawQuery != "" {
		q := u.Query()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = url.QueryEscape(k) + "=" + MaskText
		}
		b.WriteString("?" + strings.Join(parts, "&"))
	}
	return b.String()
}

// maskPath masks credential-looking segments of a URL path before /api/.
func maskPath(path string) string {
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if seg == "api" {
			break
		}
		if looksLikeCredential(seg) {
			segs[i] = MaskText
		}
	}
	return strings.Join(segs, "/")
}

func credentialSegments(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if seg == "api" {
			break
		}
		if looksLikeCredential(seg) {
			out = append(out, seg)
		}
	}
	return out
}

// looksLikeCredential: contains '@', starts with adapt_, or is long and random
// (20+ characters mixing letters and digits).
func looksLikeCredential(seg string) bool {
	if strings.Contains(seg, "@") || strings.HasPrefix(seg, "adapt_") {
		return true
	}
	if len(seg) < 20 {
		return false
	}
	var letters, digits bool
	for _, r := range seg {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	return letters && digits
}
