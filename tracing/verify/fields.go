package verify

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// traceContext is what explaining a difference needs beyond the two spans.
type traceContext struct {
	api       string
	enc       outbox.Encoding
	reID      map[model.ID]model.ID // shared span's sent ID → stored ID
	sharedIDs map[model.ID]bool
	// v1Halves are the shared SERVER spans a v1 serializer merged into their
	// CLIENT span, by span ID (empty unless sent as v1).
	v1Halves map[model.ID]model.SpanModel
	// stored is the trace as read back, storedByID its index by span ID;
	// sentIDs are the IDs of the spans sent.
	stored     []model.SpanModel
	storedByID map[model.ID][]int
	sentIDs    map[model.ID]bool
}

// fieldDiff is one field's two sides, as text.
type fieldDiff struct{ field, sent, stored string }

// compare lists every field of sent stored otherwise in stored, explained.
func (c traceContext) compare(sent, stored model.SpanModel) []Difference {
	var diffs []fieldDiff
	add := func(field, a, b string) {
		if a != b {
			diffs = append(diffs, fieldDiff{field, a, b})
		}
	}
	add("id", sent.ID.String(), stored.ID.String())
	add("parentId", idText(sent.ParentID), idText(stored.ParentID))
	add("name", sent.Name, stored.Name)
	add("kind", string(sent.Kind), string(stored.Kind))
	add("timestamp", itoa64(c.wireTimestamp(sent.Timestamp)), itoa64(storedMicros(stored.Timestamp)))
	add("duration", itoa64(c.wireDuration(sent.Duration)), itoa64(stored.Duration.Microseconds()))
	diffs = append(diffs, endpointDiffs("localEndpoint", sent.LocalEndpoint, stored.LocalEndpoint)...)
	diffs = append(diffs, endpointDiffs("remoteEndpoint", sent.RemoteEndpoint, stored.RemoteEndpoint)...)
	for _, k := range sortedKeys(sent.Tags, stored.Tags) {
		add("tags."+k, tagText(sent.Tags, k), tagText(stored.Tags, k))
	}
	diffs = append(diffs, c.annotationDiffs(sent.Annotations, stored.Annotations)...)
	add("debug", strconv.FormatBool(sent.Debug), strconv.FormatBool(stored.Debug))
	add("shared", strconv.FormatBool(sent.Shared), strconv.FormatBool(stored.Shared))
	out := make([]Difference, 0, len(diffs))
	for _, d := range c.onePeerService(sent, diffs) {
		out = append(out, c.explain(sent, &stored, d.field, d.sent, d.stored))
	}
	return out
}

// tagText is a tag's value as compared: "" when absent, `""` when present
// and empty, so that a tag is compared by presence as well as by value.
func tagText(tags map[string]string, k string) string {
	v, ok := tags[k]
	if ok && v == "" {
		return `""`
	}
	return v
}

// onePeerService leaves one difference for a peer.service tag Jaeger read
// back as the remote endpoint's service: the tag's, not also the endpoint's.
func (c traceContext) onePeerService(sent model.SpanModel, diffs []fieldDiff) []fieldDiff {
	peer, ok := sent.Tags["peer.service"]
	if c.api != QueryKindJaeger || !ok {
		return diffs
	}
	out := diffs[:0:0]
	for _, d := range diffs {
		if d.field == "remoteEndpoint.serviceName" && d.sent == "" && d.stored == peer {
			continue
		}
		out = append(out, d)
	}
	return out
}

// storedWithID is the read-back span with ID id (hex), nil when none.
func (c traceContext) storedWithID(id string) *model.SpanModel {
	v, err := strconv.ParseUint(id, 16, 64)
	if err != nil {
		return nil
	}
	if js := c.storedByID[model.ID(v)]; len(js) > 0 {
		return &c.stored[js[0]]
	}
	return nil
}

// explain fills in why a field differs from the first known rewrite that
// matches.
func (c traceContext) explain(sent model.SpanModel, stored *model.SpanModel, field, a, b string) Difference {
	d := Difference{SpanID: sent.ID.String(), Field: field, Sent: a, Stored: b, Key: outbox.KeyOf(sent), Why: unknownRewrite}
	dc := diffCase{traceContext: c, field: field, sent: a, stored: b, sentSpan: sent, storedSpan: stored}
	for _, r := range knownRewrites {
		if r.match(dc) {
			d.Why, d.Rewrite = r.Why, r.Name
			break
		}
	}
	return d
}

func endpointDiffs(prefix string, a, b *model.Endpoint) []fieldDiff {
	ea, eb := endpointFields(a), endpointFields(b)
	var out []fieldDiff
	for i, name := range []string{"serviceName", "ipv4", "ipv6", "port"} {
		if ea[i] != eb[i] {
			out = append(out, fieldDiff{prefix + "." + name, ea[i], eb[i]})
		}
	}
	return out
}

func endpointFields(e *model.Endpoint) [4]string {
	if e == nil {
		return [4]string{}
	}
	var f [4]string
	f[0] = e.ServiceName
	if len(e.IPv4) > 0 {
		f[1] = e.IPv4.String()
	}
	if len(e.IPv6) > 0 {
		f[2] = e.IPv6.String()
	}
	if e.Port != 0 {
		f[3] = strconv.Itoa(int(e.Port))
	}
	return f
}

// annotationDiffs pairs annotations by value (then by time) and reports the
// ones stored at another time, lost or added, as "<µs> <value>".
func (c traceContext) annotationDiffs(sent, stored []model.Annotation) []fieldDiff {
	type ann struct {
		us    int64
		value string
	}
	var a, b []ann
	for _, x := range sent {
		a = append(a, ann{c.wireAnnotation(x.Timestamp), x.Value})
	}
	for _, x := range stored {
		b = append(b, ann{storedMicros(x.Timestamp), x.Value})
	}
	text := func(x ann) string { return itoa64(x.us) + " " + x.value }
	var out []fieldDiff
	used := make([]bool, len(b))
	pair := func(x ann, exact bool) bool {
		for j, y := range b {
			if !used[j] && y.value == x.value && (!exact || y.us == x.us) {
				used[j] = true
				if y.us != x.us {
					out = append(out, fieldDiff{"annotations", text(x), text(y)})
				}
				return true
			}
		}
		return false
	}
	var unpaired []ann
	for _, x := range a {
		if !pair(x, true) {
			unpaired = append(unpaired, x)
		}
	}
	for _, x := range unpaired {
		if !pair(x, false) {
			out = append(out, fieldDiff{"annotations", text(x), ""})
		}
	}
	for j, y := range b {
		if !used[j] {
			out = append(out, fieldDiff{"annotations", "", text(y)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].sent+out[i].stored < out[j].sent+out[j].stored })
	return out
}

// The serializers' rounding to microseconds, so that a span is compared with
// what went on the wire: zipkin-go's JSON rounds timestamps and durations
// (a positive duration under 1µs becomes 1); its proto3 serializer rounds the
// span timestamp and truncates the duration and annotation timestamps.
func (c traceContext) wireTimestamp(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Round(time.Microsecond).UnixNano() / 1e3
}

func (c traceContext) wireDuration(d time.Duration) int64 {
	switch {
	case d <= 0:
		return 0
	case c.enc.Codec().Truncates:
		return int64(d / time.Microsecond)
	case d < time.Microsecond:
		return 1
	}
	return int64((d + 500*time.Nanosecond) / time.Microsecond)
}

func (c traceContext) wireAnnotation(t time.Time) int64 {
	if c.enc.Codec().Truncates {
		return t.UnixNano() / 1e3
	}
	return t.Round(time.Microsecond).UnixNano() / 1e3
}

// storedMicros is a stored time in µs (already whole microseconds).
func storedMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano() / 1e3
}

func idText(id *model.ID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// microsApart reports two µs values as text within one of each other.
func microsApart(a, b string) (int64, bool) {
	x, err1 := strconv.ParseInt(strings.Fields(a + " x")[0], 10, 64)
	y, err2 := strconv.ParseInt(strings.Fields(b + " x")[0], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if x > y {
		return x - y, true
	}
	return y - x, true
}
