package receiver

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// traceQuery is /api/v2/traces' parameters, as Zipkin's QueryRequest.
type traceQuery struct {
	serviceName, remoteServiceName, spanName string
	annotations                              map[string]string // key → value, "" = any
	minDuration, maxDuration                 int64             // µs, 0 = none
	endTs, lookback                          int64             // epoch ms, ms
	limit                                    int
}

// parseTraceQuery reads /api/v2/traces' query with Zipkin's defaults: endTs
// now, lookback a day, limit 10.
func parseTraceQuery(q url.Values, now time.Time) (traceQuery, error) {
	tq := traceQuery{
		serviceName:       strings.ToLower(q.Get("serviceName")),
		remoteServiceName: strings.ToLower(q.Get("remoteServiceName")),
		spanName:          strings.ToLower(q.Get("spanName")),
		annotations:       parseAnnotationQuery(q.Get("annotationQuery")),
	}
	if tq.spanName == "all" { // Zipkin's UI sends "all" for any name
		tq.spanName = ""
	}
	var err error
	var limit int64
	for _, p := range []struct {
		name string
		dst  *int64
		def  int64
	}{
		{"minDuration", &tq.minDuration, 0},
		{"maxDuration", &tq.maxDuration, 0},
		{"endTs", &tq.endTs, now.UnixMilli()},
		{"lookback", &tq.lookback, defaultLookback.Milliseconds()},
		{"limit", &limit, defaultLimit},
	} {
		if *p.dst, err = msParam(q, p.name, p.def); err != nil {
			return tq, err
		}
	}
	if limit < 1 {
		return tq, fmt.Errorf("limit should be at least 1")
	}
	if tq.maxDuration > 0 && tq.maxDuration < tq.minDuration {
		return tq, fmt.Errorf("maxDuration should be at least minDuration")
	}
	tq.limit = int(min(limit, 1<<20))
	return tq, nil
}

// parseAnnotationQuery reads "error and http.method=GET": a bare word matches
// an annotation value or a tag key, key=value a tag.
func parseAnnotationQuery(raw string) map[string]string {
	out := map[string]string{}
	for _, term := range strings.Split(raw, " and ") {
		term = strings.TrimSpace(term)
		if term == "" {
			continue
		}
		k, v, _ := strings.Cut(term, "=")
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out
}

// test reports whether a trace started at ts (epoch µs) matches, as Zipkin's
// QueryRequest.test: criteria are met by the spans of the service asked for
// (any service when none), together.
func (q traceQuery) test(spans []storedSpan, ts int64) bool {
	if ts < (q.endTs-q.lookback)*1000 || ts > q.endTs*1000+999 { // endTs: the whole millisecond
		return false
	}
	serviceSeen := q.serviceName == ""
	nameOK, remoteOK := q.spanName == "", q.remoteServiceName == ""
	durationOK := q.minDuration == 0 && q.maxDuration == 0
	remaining := make(map[string]string, len(q.annotations))
	for k, v := range q.annotations {
		remaining[k] = v
	}
	for i := range spans {
		s := &spans[i]
		if q.serviceName != "" && serviceOf(s.local) != q.serviceName {
			continue
		}
		serviceSeen = true
		nameOK = nameOK || s.name == q.spanName
		remoteOK = remoteOK || serviceOf(s.remote) == q.remoteServiceName
		durationOK = durationOK || q.durationMatches(s.dur)
		for _, a := range s.annotations {
			if v, ok := remaining[a.value]; ok && v == "" {
				delete(remaining, a.value)
			}
		}
		for _, t := range s.tags {
			if v, ok := remaining[t.key]; ok && (v == "" || v == t.value) {
				delete(remaining, t.key)
			}
		}
	}
	return serviceSeen && nameOK && remoteOK && durationOK && len(remaining) == 0
}

// durationMatches tests a duration in µs.
func (q traceQuery) durationMatches(us int64) bool {
	if us < q.minDuration {
		return false
	}
	return q.maxDuration == 0 || us <= q.maxDuration
}
