package secret

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// V2Path is the path a Zipkin v2 collector accepts spans on.
const V2Path = "/api/v2/spans"

// ErrMalformedEndpoint is returned (wrapped) for an endpoint URL that cannot be used.
var ErrMalformedEndpoint = errors.New("malformed endpoint URL")

// Endpoint is a validated collector URL together with what is secret in it.
type Endpoint struct {
	// Local is true when the spans go to the embedded receiver.
	Local bool
	raw   string
	url   *url.URL
	// secrets holds every substring of raw that must never be shown.
	secrets []string
	// Warnings explain what looks wrong but may still work (a v1 path, a
	// token that looks cut short).
	Warnings []string
}

// IsLocalSpec reports whether an endpoint flag value means the embedded receiver.
func IsLocalSpec(raw string) bool {
	s := strings.TrimSpace(raw)
	return s == "" || strings.EqualFold(s, "local")
}

// ParseEndpoint validates raw as a collector URL. A missing scheme, an unknown
// scheme or a missing host is an error (wrapping ErrMalformedEndpoint) whose text
// is already masked; a path other than /api/v2/spans is a warning.
func ParseEndpoint(raw string) (Endpoint, error) {
	raw = strings.TrimSpace(raw)
	ep := Endpoint{raw: raw}
	ep.secrets = secretsOf(raw)
	if !strings.Contains(raw, "://") {
		return ep, fmt.Errorf("%w: %q has no scheme; add http:// or https:// in front", ErrMalformedEndpoint, ep.Mask(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ep, fmt.Errorf("%w: %s", ErrMalformedEndpoint, ep.Mask(err.Error()))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ep, fmt.Errorf("%w: scheme %q is not http or https", ErrMalformedEndpoint, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return ep, fmt.Errorf("%w: %q has no host name", ErrMalformedEndpoint, ep.Mask(raw))
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return ep, fmt.Errorf("%w: port %q is not between 1 and 65535", ErrMalformedEndpoint, p)
		}
	}
	ep.url = u
	ep.Warnings = pathWarnings(u.Path)
	if w := truncatedTokenWarning(u.Path); w != "" {
		ep.Warnings = append(ep.Warnings, w)
	}
	return ep, nil
}

// LocalEndpointAt is the embedded receiver's endpoint once it listens on addr.
func LocalEndpointAt(addr string) Endpoint {
	u := &url.URL{Scheme: "http", Host: addr, Path: V2Path}
	return Endpoint{Local: true, raw: u.String(), url: u}
}

func pathWarnings(path string) []string {
	p := strings.TrimSuffix(path, "/")
	switch {
	case strings.HasSuffix(p, V2Path):
		return nil
	case strings.HasSuffix(p, "/api/v1/spans"):
		return []string{"path is /api/v1/spans, the legacy v1 format: spans are sent as Zipkin v1 JSON there (a v2 collector takes /api/v2/spans)"}
	case p == "":
		return []string{"the URL has no path; a Zipkin v2 collector expects /api/v2/spans"}
	default:
		return []string{fmt.Sprintf("path %q does not end in /api/v2/spans, where a Zipkin v2 collector expects spans", maskPath(p))}
	}
}

// truncatedTokenWarning spots an ARMS-style auth segment that looks cut short:
// they come as adapt_<id>@<hex>_<id>@<hex>.
func truncatedTokenWarning(path string) string {
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, "adapt_") {
			continue
		}
		if strings.Count(seg, "@") < 2 || strings.HasSuffix(seg, "@") || strings.HasSuffix(seg, "_") {
			return "the auth segment (adapt_…) looks truncated; copy the full endpoint, including the auth segment"
		}
	}
	return ""
}

// String is the URL as given. It contains secrets: only use it to connect.
func (e Endpoint) String() string { return e.raw }

// URL is the parsed URL; nil for an invalid endpoint.
func (e Endpoint) URL() *url.URL { return e.url }

// Masked is the URL with every secret replaced by a mask, safe to show.
func (e Endpoint) Masked() string {
	if e.raw == "" && e.Local {
		return "embedded receiver"
	}
	return maskURL(e.raw)
}

// Display is what the top bar shows: the masked URL, or revealed when asked.
func (e Endpoint) Display(reveal bool) string {
	if reveal {
		return e.raw
	}
	return e.Masked()
}

// HasSecrets reports whether anything in the URL is masked.
func (e Endpoint) HasSecrets() bool { return len(e.secrets) > 0 }

// Mask replaces every secret of this endpoint found in s.
func (e Endpoint) Mask(s string) string { return NewMasker(e, nil).Mask(s) }

// BaseOf cuts an endpoint's path before "/api/" (or its trailing slash).
func BaseOf(ep Endpoint) Endpoint {
	u := *ep.URL()
	path := u.Path
	if i := strings.Index(path+"/", "/api/"); i >= 0 {
		path = path[:i]
	}
	u.Path = strings.TrimSuffix(path, "/")
	u.RawPath = ""
	u.Fragment = ""
	out := ep
	out.url = &u
	out.raw = u.String()
	out.Warnings = nil
	return out
}
