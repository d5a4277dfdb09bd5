package secret

import (
	"encoding/base64"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
		masked := maskURL(ep.raw)
		// The URL as given, as net/url prints it in an error (quoted), and as
		// net/http prints it (password replaced by ***).
		forms := []string{ep.raw, quotedForm(ep.raw)}
		if ep.url != nil {
			forms = append(forms, ep.url.String(), ep.url.Redacted())
		}
		m.addURL(append(forms, shellQuoted(ep.raw)), masked)
	}
	m.secrets = append(m.secrets, ep.secrets...)
	// The HTTP client takes its proxy from the environment: a proxy's
	// credentials reach errors (an unparsable proxy URL is quoted whole) and
	// a proxy's answers (echoed Proxy-Authorization) as the endpoint's do.
	for _, raw := range envProxies() {
		if secrets := proxySecrets(raw); len(secrets) > 0 {
			m.addURL(proxyForms(raw), maskURL(raw))
			m.secrets = append(m.secrets, secrets...)
		}
	}
	for _, h := range headers {
		m.secrets = append(m.secrets, headerSecrets(h.Value)...)
	}
	m.secrets = sortSecrets(m.secrets)
	return m
}

// addURL has every form of one URL replaced by masked.
func (m *Masker) addURL(forms []string, masked string) {
	for _, f := range forms {
		if f != "" && !slices.Contains(m.urls, f) {
			m.urls = append(m.urls, f)
			m.masked = append(m.masked, masked)
		}
	}
}

// headerSecrets is a header value and the parts of it a server may echo
// alone: the credential after an auth scheme ("Bearer t0k" → "t0k"), and the
// user and password inside Basic credentials.
func headerSecrets(value string) []string {
	out := []string{value}
	fields := strings.Fields(value)
	if len(fields) != 2 { // not "<scheme> <credential>": only the whole value
		return out
	}
	out = append(out, fields[1])
	if strings.EqualFold(fields[0], "Basic") {
		if dec, err := base64.StdEncoding.DecodeString(fields[1]); err == nil {
			user, pass, _ := strings.Cut(string(dec), ":")
			out = append(out, string(dec), user, pass)
		}
	}
	return out
}

// quotedForm is s as %q prints it, without the quotes: how a secret with a
// control character appears inside a Go error.
func quotedForm(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// Mask replaces every secret found in s.
func (m *Masker) Mask(s string) string {
	if m == nil {
		return s
	}
	for i, u := range m.urls {
		s = strings.ReplaceAll(s, u, m.masked[i])
	}
	return maskCredentialHeaders(maskAll(s, m.secrets))
}

// Longest is the length of the longest secret or URL m replaces: reading that
// much past a limit before masking keeps a secret at the limit whole.
func (m *Masker) Longest() int {
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
		for _, form := range secretForms(s) {
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
		if len(sec) >= minSecretLen && strings.Contains(s, sec) {
			s = maskWhole(s, sec)
		}
	}
	return s
}

// maskWhole replaces sec in s. A secret that is a plain word (letters only:
// a path segment such as "auth", a user name) is replaced only where it
// stands as a word, so "auth" leaves "unauthorized" alone while "/auth/" and
// "user auth" are masked; any other secret (a token with digits or signs) is
// replaced wherever it appears, glued to other text or not.
func maskWhole(s, sec string) string {
	if strings.IndexFunc(sec, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return strings.ReplaceAll(s, sec, MaskText)
	}
	var b strings.Builder
	for {
		i := strings.Index(s, sec)
		if i < 0 {
			break
		}
		end := i + len(sec)
		if glued(s[:i], sec, true) || glued(s[end:], sec, false) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i] + MaskText)
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

// glued says whether the text beside sec (before it when before is set)
// continues the word sec is.
func glued(beside, sec string, before bool) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if before {
		last, _ := utf8.DecodeLastRuneInString(beside)
		first, _ := utf8.DecodeRuneInString(sec)
		return beside != "" && word(last) && word(first)
	}
	next, _ := utf8.DecodeRuneInString(beside)
	end, _ := utf8.DecodeLastRuneInString(sec)
	return beside != "" && word(next) && word(end)
}

// secretsOf lists the secret parts of a raw URL: userinfo (username and
// password too), query values and every path segment before /api/. A URL
// that does not parse is read as text, so its secrets are hidden in the
// parse error too.
func secretsOf(raw string) []string {
	p := splitURLText(raw)
	var out []string
	if p.userinfo != "" {
		out = append(out, p.userinfo)
		user, pass, _ := strings.Cut(p.userinfo, ":")
		out = append(out, user, pass, unescape(user), unescape(pass))
	}
	for _, kv := range strings.Split(p.query, "&") {
		if _, v, ok := strings.Cut(kv, "="); ok && v != "" {
			out = append(out, v, unescape(v))
		}
	}
	if prefix := apiPrefix(p.path); prefix != "" {
		out = append(out, strings.Trim(prefix, "/"))
		out = append(out, strings.Split(strings.Trim(prefix, "/"), "/")...)
	} else {
		out = append(out, credentialSegments(p.path)...)
	}
	return sortSecrets(out)
}

// urlText is a URL cut at its delimiters without validating anything, so
// that even a URL net/url refuses can be masked.
type urlText struct {
	scheme, userinfo, host, path, query, fragment string
	hasScheme, hasUser, hasQuery, hasFragment     bool
}

func splitURLText(raw string) urlText {
	var p urlText
	rest := raw
	if scheme, after, ok := strings.Cut(raw, "://"); ok && !strings.ContainsAny(scheme, "/?#@") {
		p.scheme, p.hasScheme, rest = scheme, true, after
	}
	rest, p.fragment, p.hasFragment = strings.Cut(rest, "#")
	rest, p.query, p.hasQuery = strings.Cut(rest, "?")
	authority := rest
	if i := strings.Index(rest, "/"); i >= 0 {
		authority, p.path = rest[:i], rest[i:]
	}
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		p.userinfo, p.hasUser, authority = authority[:at], true, authority[at+1:]
	}
	p.host = authority
	return p
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// apiPrefix is the part of path before /api/ ("" when there is none), or,
// in a path without /api/, before the spans endpoint (/v2/spans, /v1/spans,
// /spans): a vendor's token often sits right there.
func apiPrefix(path string) string {
	i := strings.Index(path, "/api/")
	if i < 0 && strings.HasSuffix(path, "/api") {
		i = len(path) - len("/api")
	}
	if i < 0 {
		i = spansSuffix(path)
	}
	if i <= 0 {
		return ""
	}
	return path[:i]
}

// maskURL rebuilds a URL with its secrets masked by structure, so even a short
// password, query value or path segment is hidden: userinfo, every query
// value, and everything before /api/ as one mask.
func maskURL(raw string) string {
	p := splitURLText(raw)
	var b strings.Builder
	if p.hasScheme {
		b.WriteString(p.scheme + "://")
	}
	if p.hasUser {
		b.WriteString(MaskText + "@")
	}
	b.WriteString(p.host)
	b.WriteString(maskPath(p.path))
	if p.hasQuery {
		b.WriteString("?" + maskQuery(p.query))
	}
	if p.hasFragment {
		b.WriteString("#" + MaskText)
	}
	return b.String()
}

// maskQuery keeps the keys, in their order, and masks every value.
func maskQuery(q string) string {
	pairs := strings.Split(q, "&")
	for i, kv := range pairs {
		if k, _, ok := strings.Cut(kv, "="); ok {
			pairs[i] = k + "=" + MaskText
		}
	}
	return strings.Join(pairs, "&")
}

// maskPath masks everything before /api/ as one segment, since hosted
// collectors put tokens there and even the number of segments can tell; a
// path without /api/ has its credential-looking segments masked.
func maskPath(path string) string {
	if prefix := apiPrefix(path); prefix != "" {
		return "/" + MaskText + path[len(prefix):]
	}
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if looksLikeCredential(seg) {
			segs[i] = MaskText
		}
	}
	return strings.Join(segs, "/")
}

func credentialSegments(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
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
