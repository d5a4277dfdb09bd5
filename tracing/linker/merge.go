package linker

import (
	"sort"

	"github.com/openzipkin/zipkin-go/model"
)

// mergeTrace is zipkin2.internal.Trace.merge: spans sorted by ID (a client
// before the server sharing its ID, spans without endpoint first), pieces of
// one span reported apart merged, and a server that shares its client's ID
// marked shared and given the client's parent when it lacks one.
func mergeTrace(in []model.SpanModel) []model.SpanModel {
	spans := append([]model.SpanModel(nil), in...)
	if len(spans) < 2 {
		return spans
	}
	sort.SliceStable(spans, func(i, j int) bool { return cleanupLess(spans[i], spans[j]) })
	out := spans[:0:0]
	for i := 0; i < len(spans); i++ {
		span := spans[i]
		var local endpointTracker
		local.tryMerge(span.LocalEndpoint)
		for i+1 < len(spans) && spans[i+1].ID == span.ID {
			next := spans[i+1]
			if span.Shared != next.Shared || !local.tryMerge(next.LocalEndpoint) {
				break
			}
			span = mergeSpan(span, next)
			i++
		}
		if n := len(out); n > 0 && out[n-1].ID == span.ID {
			last := out[n-1]
			if last.Kind == model.Client && span.Kind == model.Server && !span.Shared {
				span.Shared = true
			}
			if span.Shared && span.ParentID == nil && last.ParentID != nil {
				span.ParentID = last.ParentID
			}
		}
		out = append(out, span)
	}
	return out
}

// cleanupLess is Trace.CLEANUP_COMPARATOR.
func cleanupLess(a, b model.SpanModel) bool {
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	if c := compareShared(a, b); c != 0 {
		return c < 0
	}
	return compareEndpoint(a.LocalEndpoint, b.LocalEndpoint) < 0
}

// compareShared puts shared spans last and, of the others, clients first.
func compareShared(a, b model.SpanModel) int {
	switch {
	case a.Shared && b.Shared:
		return 0
	case a.Shared:
		return 1
	case b.Shared:
		return -1
	}
	ac, bc := a.Kind == model.Client, b.Kind == model.Client
	switch {
	case ac == bc:
		return 0
	case ac:
		return -1
	}
	return 1
}

// compareEndpoint puts a span without endpoint first, then orders by service
// name, IPv4, IPv6 (an absent field after a present one).
func compareEndpoint(a, b *model.Endpoint) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	fa, fb := endpointFields(a), endpointFields(b)
	for i := range fa {
		if c := nullLastCompare(fa[i], fb[i]); c != 0 {
			return c
		}
	}
	return 0
}

func endpointFields(e *model.Endpoint) [3]string {
	return [3]string{e.ServiceName, ipText(e.IPv4), ipText(e.IPv6)}
}

func nullLastCompare(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	case a < b:
		return -1
	}
	return 1
}

// mergeSpan is Span.Builder.merge: what a lacks, b gives.
func mergeSpan(a, b model.SpanModel) model.SpanModel {
	if a.ParentID == nil {
		a.ParentID = b.ParentID
	}
	if a.Kind == model.Undetermined {
		a.Kind = b.Kind
	}
	if a.Name == "" {
		a.Name = b.Name
	}
	if a.Timestamp.IsZero() {
		a.Timestamp = b.Timestamp
	}
	if a.Duration == 0 {
		a.Duration = b.Duration
	}
	a.LocalEndpoint = mergeEndpoint(a.LocalEndpoint, b.LocalEndpoint)
	a.RemoteEndpoint = mergeEndpoint(a.RemoteEndpoint, b.RemoteEndpoint)
	if len(b.Tags) > 0 {
		tags := make(map[string]string, len(a.Tags)+len(b.Tags))
		for k, v := range a.Tags {
			tags[k] = v
		}
		for k, v := range b.Tags {
			tags[k] = v
		}
		a.Tags = tags
	}
	a.Debug = a.Debug || b.Debug
	a.Shared = a.Shared || b.Shared
	return a
}

func mergeEndpoint(a, b *model.Endpoint) *model.Endpoint {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	c := *a
	if c.ServiceName == "" {
		c.ServiceName = b.ServiceName
	}
	if len(c.IPv4) == 0 {
		c.IPv4 = b.IPv4
	}
	if len(c.IPv6) == 0 {
		c.IPv6 = b.IPv6
	}
	if c.Port == 0 {
		c.Port = b.Port
	}
	return &c
}

// endpointTracker is Trace.EndpointTracker: it tells pieces of one endpoint
// reported apart from two different endpoints.
type endpointTracker struct {
	service, v4, v6 string
	port            uint16
}

func (t *endpointTracker) tryMerge(e *model.Endpoint) bool {
	if e == nil {
		return true
	}
	v4, v6 := ipText(e.IPv4), ipText(e.IPv6)
	if conflicts(t.service, e.ServiceName) || conflicts(t.v4, v4) || conflicts(t.v6, v6) ||
		(t.port != 0 && e.Port != 0 && t.port != e.Port) {
		return false
	}
	t.service, t.v4, t.v6 = firstSet(t.service, e.ServiceName), firstSet(t.v4, v4), firstSet(t.v6, v6)
	if t.port == 0 {
		t.port = e.Port
	}
	return true
}

func conflicts(a, b string) bool { return a != "" && b != "" && a != b }

func firstSet(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
