package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// The query API kinds detectQueryAPI tells apart.
const (
	QueryKindZipkin = "zipkin"
	QueryKindJaeger = "jaeger"
)

// errNoQueryAPI is returned (wrapped) when neither Zipkin's nor Jaeger's query
// API answers at a base URL.
var errNoQueryAPI = errors.New("no query API")

// defaultQueryTimeout bounds one GET when QueryOptions.Timeout is not set.
const defaultQueryTimeout = 5 * time.Second

// QueryAPI reads a stored trace back from a tracing backend, as Zipkin v2
// spans whatever the backend's own model.
type QueryAPI interface {
	// Trace returns the stored spans of the trace; none (and no error) when
	// the backend does not know it yet.
	Trace(ctx context.Context, id model.TraceID) ([]model.SpanModel, error)
	// Kind is QueryKindZipkin or QueryKindJaeger.
	Kind() string
	// Masked is the base URL with its secrets masked, safe to show.
	Masked() string
}

// QueryOptions configure the HTTP side of a query API.
type QueryOptions struct {
	// Client makes the GETs. Whatever it is, redirects are never followed.
	Client *http.Client
	// Timeout bounds one GET (default 5s).
	Timeout time.Duration
	// Headers are sent on every GET (e.g. the auth header of a proxy in
	// front of Zipkin). Their values are secrets.
	Headers []secret.Header
}

// queryBase is a query API's base URL: GETs go to its path + "/api/…", with
// its query string kept.
type queryBase struct {
	ep     secret.Endpoint
	masker *secret.Masker
	opts   QueryOptions
}

// ParseQueryURL validates a query API base URL ("http://host:16686", or a
// Zipkin behind a path prefix). Anything from "/api/" on is dropped, so the
// URL of a trace page or of the spans endpoint works too. Its error text is
// masked.
func ParseQueryURL(raw string) (secret.Endpoint, error) {
	ep, err := secret.ParseEndpoint(raw)
	if err != nil {
		return ep, fmt.Errorf("query URL: %w", err)
	}
	return secret.BaseOf(ep), nil
}

// defaultQueryURL is where verification looks when no query URL is given: the
// endpoint's origin, with any path prefix before /api/ (a vendor's auth
// segment) and its query string kept.
func defaultQueryURL(ep secret.Endpoint) secret.Endpoint {
	if ep.URL() == nil {
		return ep
	}
	return secret.BaseOf(ep)
}

func newQueryBase(ep secret.Endpoint, opts QueryOptions) queryBase {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultQueryTimeout
	}
	opts.Client = noRedirectClient(opts.Client)
	return queryBase{ep: ep, masker: secret.NewMasker(ep, opts.Headers), opts: opts}
}

// noRedirectClient copies c (or a fresh client) so that a redirect is
// answered, not followed: a query API that redirects is the wrong URL, and
// following it would carry the token to another host.
func noRedirectClient(c *http.Client) *http.Client {
	var out http.Client
	if c != nil {
		out = *c
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out
}

// Masked is the base URL with its secrets masked.
func (b queryBase) Masked() string { return b.ep.Masked() }

// urlFor is the base with path appended (already escaped as needed); a
// query string after "?" joins the base's own.
func (b queryBase) urlFor(path string) string {
	u := *b.ep.URL()
	path, query, _ := strings.Cut(path, "?")
	u.Path += path
	if query != "" && u.RawQuery != "" {
		query = u.RawQuery + "&" + query
	}
	if query != "" {
		u.RawQuery = query
	}
	return u.String()
}

// getJSON GETs path and decodes a 200 JSON answer into v. It reports
// found=false for a 404. Every error text is masked.
func (b queryBase) getJSON(ctx context.Context, path string, v any) (found bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, b.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.urlFor(path), nil)
	if err != nil {
		return false, errors.New(b.masker.Mask(err.Error()))
	}
	req.Header.Set("Accept", "application/json")
	for _, h := range b.opts.Headers {
		req.Header.Set(h.Name, h.Value)
	}
	resp, err := b.opts.Client.Do(req)
	if err != nil {
		return false, fmt.Errorf("GET %s: %s", path, b.masker.Mask(err.Error()))
	}
	defer resp.Body.Close()
	body, err := readQueryAnswer(resp.Body)
	if err != nil {
		return false, fmt.Errorf("GET %s: reading the answer: %s", path, b.masker.Mask(err.Error()))
	}
	return b.decode(path, resp, body, v)
}

func (b queryBase) decode(path string, resp *http.Response, body []byte, v any) (bool, error) {
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return false, nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return false, fmt.Errorf("GET %s: %d, redirects to %s: use that URL", path, resp.StatusCode, secret.MaskURL(b.masker.Mask(resp.Header.Get("Location"))))
	case resp.StatusCode != http.StatusOK:
		return false, fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, b.masker.Mask(outbox.OneLine(string(body), 200)))
	case looksLikeHTML(resp.Header.Get("Content-Type"), body):
		return false, fmt.Errorf("GET %s: 200 with a web page, not JSON", path)
	}
	if err := checkJSONBudget(body); err != nil {
		return false, fmt.Errorf("GET %s: %v", path, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return false, fmt.Errorf("GET %s: not the expected JSON: %s", path, b.masker.Mask(err.Error()))
	}
	return true, nil
}

// looksLikeHTML spots a web page answering where JSON was expected (Jaeger's
// UI answers any unknown GET with 200 and its index page).
func looksLikeHTML(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt == "text/html" {
		return true
	}
	head := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 64)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// zipkinQuery reads traces from Zipkin's v2 API: GET /api/v2/trace/{id}. The
// embedded receiver serves the same API.
type zipkinQuery struct{ base queryBase }

// newZipkinQuery is Zipkin's query API at base (see ParseQueryURL).
func newZipkinQuery(base secret.Endpoint, opts QueryOptions) *zipkinQuery {
	return &zipkinQuery{base: newQueryBase(base, opts)}
}

// Kind is QueryKindZipkin.
func (*zipkinQuery) Kind() string { return QueryKindZipkin }

// Masked is the base URL, masked.
func (q *zipkinQuery) Masked() string { return q.base.Masked() }

// Trace GETs /api/v2/trace/{id}; a 404 is no spans.
func (q *zipkinQuery) Trace(ctx context.Context, id model.TraceID) ([]model.SpanModel, error) {
	var spans []model.SpanModel
	if _, err := q.base.getJSON(ctx, "/api/v2/trace/"+url.PathEscape(id.String()), &spans); err != nil {
		return nil, err
	}
	return spans, nil
}
