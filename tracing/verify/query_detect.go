package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// detectQueryAPI finds out which query API answers at base: Zipkin's when
// GET /api/v2/services answers a JSON list of names, else Jaeger's when GET
// /api/services answers {"data": [...]}. The shape is checked, not just the
// status: Jaeger's UI port answers any GET it does not know with 200 and an
// HTML page. The error, when neither answers, names the masked base and says
// what each probe got.
func detectQueryAPI(ctx context.Context, base secret.Endpoint, opts QueryOptions) (QueryAPI, error) {
	if base.URL() == nil {
		return nil, fmt.Errorf("%w: the query URL is not valid", errNoQueryAPI)
	}
	b := newQueryBase(secret.BaseOf(base), opts)
	var names []string
	zfound, zerr := b.getJSON(ctx, "/api/v2/services", &names)
	if zerr == nil && zfound {
		return &zipkinQuery{base: b}, nil
	}
	// Jaeger answers {"data": null, ...} while it has no service yet: the
	// key's presence is the shape.
	var jaeger map[string]json.RawMessage
	jfound, jerr := b.getJSON(ctx, "/api/services", &jaeger)
	if _, hasData := jaeger["data"]; jerr == nil && jfound && hasData {
		return &JaegerQuery{base: b}, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%w at %s: %v", errNoQueryAPI, b.Masked(), ctx.Err())
	}
	return nil, fmt.Errorf("%w at %s: pass the query URL (Jaeger: http://%s:16686) [%s; %s]",
		errNoQueryAPI, b.Masked(), hostOf(b.ep), probeText("/api/v2/services", zfound, zerr), probeText("/api/services", jfound, jerr))
}

// probeText says in a few words what one probe got.
func probeText(path string, found bool, err error) string {
	switch {
	case err != nil:
		return strings.TrimPrefix(err.Error(), "GET ")
	case !found:
		return path + ": 404"
	}
	return path + ": not the expected JSON"
}

func hostOf(ep secret.Endpoint) string {
	h := ep.URL().Hostname()
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	if h == "" {
		return "host"
	}
	return h
}

// QueryAPIFor picks the query API verification reads from: the embedded
// receiver's own when the endpoint is local, else the API detected at the
// query URL (cfg.Query, or the endpoint's origin when empty). The user's
// headers go along only when the query API is on the endpoint's host: they
// are the endpoint's credentials, not another host's.
func QueryAPIFor(ctx context.Context, cfg tracing.Config, ep secret.Endpoint, opts QueryOptions) (QueryAPI, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = cfg.Timeout
	}
	if opts.Client == nil { // the delivery's TLS trust and proxy: the same backend
		co, err := tracing.ClientOptionsFor(cfg)
		if err != nil {
			return nil, err
		}
		opts.Client = outbox.NewHTTPClient(co)
	}
	if strings.TrimSpace(cfg.Query) != "" {
		base, err := ParseQueryURL(cfg.Query)
		if err != nil {
			return nil, err
		}
		if opts.Headers == nil && ep.URL() != nil && strings.EqualFold(base.URL().Host, ep.URL().Host) {
			opts.Headers = cfg.Headers
		}
		return detectQueryAPI(ctx, base, opts)
	}
	if opts.Headers == nil {
		opts.Headers = cfg.Headers
	}
	if ep.Local && ep.URL() != nil {
		return newZipkinQuery(defaultQueryURL(ep), opts), nil
	}
	if ep.URL() == nil {
		return nil, fmt.Errorf("%w: the endpoint is not a valid URL", errNoQueryAPI)
	}
	return detectQueryAPI(ctx, defaultQueryURL(ep), opts)
}
