package receiver

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/linker"
	"zipkin-playground/tracing/zipkinspan"
)

// Zipkin's query defaults: the last day, ten traces.
const (
	defaultLookback = 24 * time.Hour
	defaultLimit    = 10
)

// queryRoutes is Zipkin's v2 query API (openzipkin/zipkin-api
// zipkin2-api.yaml), as Grafana's Zipkin data source and Zipkin's UI call it.
func (r *Receiver) queryRoutes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/api/v2/services":           r.handleServices,
		"/api/v2/spans":              r.handleSpanNames,
		"/api/v2/remoteServices":     r.handleRemoteServices,
		"/api/v2/traces":             r.handleTraces,
		"/api/v2/trace/{id}":         r.handleTrace,
		"/api/v2/traceMany":          r.handleTraceMany,
		"/api/v2/dependencies":       r.handleDependencies,
		"/api/v2/autocompleteKeys":   r.handleAutocompleteKeys,
		"/api/v2/autocompleteValues": r.handleAutocompleteValues,
		"/health":                    handleHealth,
	}
}

func (r *Receiver) handleServices(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, r.collect(func(s *storedSpan, add func(string)) { add(serviceOf(s.local)) }))
}

func (r *Receiver) handleSpanNames(w http.ResponseWriter, req *http.Request) {
	service, ok := requiredParam(w, req, "serviceName")
	if !ok {
		return
	}
	writeJSON(w, r.collect(func(s *storedSpan, add func(string)) {
		if serviceOf(s.local) == service {
			add(s.name)
		}
	}))
}

func (r *Receiver) handleRemoteServices(w http.ResponseWriter, req *http.Request) {
	service, ok := requiredParam(w, req, "serviceName")
	if !ok {
		return
	}
	writeJSON(w, r.collect(func(s *storedSpan, add func(string)) {
		if serviceOf(s.local) == service {
			add(serviceOf(s.remote))
		}
	}))
}

func (r *Receiver) handleAutocompleteKeys(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, r.collect(func(s *storedSpan, add func(string)) {
		for _, t := range s.tags {
			add(t.key)
		}
	}))
}

func (r *Receiver) handleAutocompleteValues(w http.ResponseWriter, req *http.Request) {
	key, ok := requiredParam(w, req, "key")
	if !ok {
		return
	}
	writeJSON(w, r.collect(func(s *storedSpan, add func(string)) { v, _ := s.tag(key); add(v) }))
}

func handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]any{"status": "UP", "zipkin": map[string]any{"status": "UP"}})
}

// collect is the sorted set of non-empty strings pick adds over every span.
func (r *Receiver) collect(pick func(s *storedSpan, add func(string))) []string {
	seen := map[string]bool{}
	add := func(v string) {
		if v != "" {
			seen[v] = true
		}
	}
	r.mu.Lock()
	for _, t := range r.traces {
		for i := range t.spans {
			pick(&t.spans[i], add)
		}
	}
	r.mu.Unlock()
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func (r *Receiver) handleTrace(w http.ResponseWriter, req *http.Request) {
	raw := strings.TrimSpace(req.PathValue("id"))
	id, err := zipkinspan.TraceID(raw) // strict, as Zipkin's Span.normalizeTraceId
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	t, ok := r.snapshot(id)
	if !ok {
		http.Error(w, raw+" not found", http.StatusNotFound)
		return
	}
	r.writeAnswer(w, []traceSnapshot{t}, false)
}

func (r *Receiver) handleTraceMany(w http.ResponseWriter, req *http.Request) {
	raw, ok := requiredParam(w, req, "traceIds")
	if !ok {
		return
	}
	ids, err := parseTraceIDs(raw)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var traces []traceSnapshot
	for _, id := range ids {
		if t, ok := r.snapshot(id); ok {
			traces = append(traces, t)
		}
	}
	r.writeAnswer(w, traces, true)
}

// parseTraceIDs reads traceMany's list: at least two distinct lower-hex IDs.
func parseTraceIDs(raw string) ([]model.TraceID, error) {
	var ids []model.TraceID
	seen := map[model.TraceID]bool{}
	for _, part := range strings.Split(raw, ",") {
		id, err := zipkinspan.TraceID(strings.TrimSpace(part))
		if err != nil {
			return nil, fmt.Errorf("traceIds: %q should be lower-hex encoded with no prefix", part)
		}
		if seen[id] {
			return nil, fmt.Errorf("traceIds: %s is redundant", part)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if len(ids) < 2 {
		return nil, fmt.Errorf("traceIds: at least two are needed; use /api/v2/trace/{traceId} for one")
	}
	return ids, nil
}

func (r *Receiver) handleTraces(w http.ResponseWriter, req *http.Request) {
	q, err := parseTraceQuery(req.URL.Query(), time.Now())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	type match struct {
		ts int64
		t  *storedTrace
	}
	var found []match
	r.mu.Lock()
	for _, t := range r.traces {
		ts := traceTimestamp(t)
		if ts != 0 && q.test(t.spans, ts) {
			found = append(found, match{ts, t})
		}
	}
	sort.Slice(found, func(i, j int) bool { // newest first; ties by arrival, newest first
		if found[i].ts != found[j].ts {
			return found[i].ts > found[j].ts
		}
		return found[i].t.first.After(found[j].t.first)
	})
	if len(found) > q.limit {
		found = found[:q.limit]
	}
	traces := make([]traceSnapshot, len(found))
	for i, m := range found {
		traces[i] = m.t.snapshot()
	}
	r.mu.Unlock()
	r.writeAnswer(w, traces, true)
}

// traceTimestamp is the trace's start in epoch µs as Zipkin reckons it: the
// root's timestamp, else the earliest; 0 when no span has one, and Zipkin's
// storage then leaves the trace out of searches and dependencies (it is still
// read by ID).
func traceTimestamp(t *storedTrace) int64 {
	var ts int64
	for i := range t.spans {
		us := t.spans[i].ts
		if us == 0 {
			continue
		}
		if t.spans[i].parent == 0 {
			return us
		}
		if ts == 0 || us < ts {
			ts = us
		}
	}
	return ts
}

func (r *Receiver) handleDependencies(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	endTs, err := msParam(q, "endTs", -1)
	if err == nil && endTs < 0 {
		err = fmt.Errorf("endTs is required")
	}
	var lookback int64
	if err == nil {
		lookback, err = msParam(q, "lookback", endTs)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	from, to := (endTs-lookback)*1000, endTs*1000+999 // endTs is a whole millisecond
	links := linker.New()
	r.mu.Lock()
	for _, t := range r.traces {
		if ts := traceTimestamp(t); ts != 0 && ts >= from && ts <= to {
			links.PutTrace(t.models())
		}
	}
	r.mu.Unlock()
	writeJSON(w, dependencyLinks(links))
}

// requiredParam is a query parameter that must be present and non-empty; when
// it is not, the answer is already written (400).
func requiredParam(w http.ResponseWriter, req *http.Request, name string) (string, bool) {
	v := strings.TrimSpace(req.URL.Query().Get(name))
	if v == "" {
		http.Error(w, name+" is required", http.StatusBadRequest)
		return "", false
	}
	if name == "serviceName" {
		v = strings.ToLower(v)
	}
	return v, true
}

// maxQueryInt is the largest integer a query parameter keeps: endTs at it,
// in µs plus 999, still fits an int64. Larger ones (the int64 maximum, or 20
// digits) mean "as far as it goes" and are clamped, not refused or
// overflowed into an empty answer.
const maxQueryInt = (math.MaxInt64 - 999) / 1000

// msParam is a non-negative integer query parameter, def when absent.
func msParam(q url.Values, name string, def int64) (int64, error) {
	raw := q.Get(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if errors.Is(err, strconv.ErrRange) && raw[0] != '-' {
		v, err = maxQueryInt, nil
	}
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%s should be a non-negative integer, not %q", name, raw)
	}
	return min(v, maxQueryInt), nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// writeBody writes marshalled JSON, or a 500 with the reason: an encoding
// failure is never an empty 200.
func writeBody(w http.ResponseWriter, body []byte, err error) {
	if err != nil {
		http.Error(w, "cannot encode spans: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

func serviceOf(e *model.Endpoint) string {
	if e == nil {
		return ""
	}
	return e.ServiceName
}
