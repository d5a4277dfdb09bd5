package verify

import (
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
)

// TraceReport is what became of one delivered trace; it is one entry of
// `send --json`'s "traces", so its JSON names are kept stable for scripts.
type TraceReport struct {
	TraceID string `json:"traceId"`
	State   State  `json:"state"`
	// Spans is how many distinct spans were sent, Found how many of them were
	// read back.
	Spans       int          `json:"spans"`
	Found       int          `json:"found"`
	Differences []Difference `json:"differences"`
	// ReadBackMs is when the trace was first found complete, from the start
	// of verification.
	ReadBackMs float64 `json:"readBackMs,omitempty"`
	// Polls is how many GETs it took.
	Polls int `json:"polls"`
	// Error is the query API's last error for a trace never found (masked).
	Error string `json:"error,omitempty"`

	ID      model.TraceID `json:"-"`
	Elapsed time.Duration `json:"-"`
	// Checks has one entry per distinct sent span, in the order sent.
	Checks []SpanCheck `json:"-"`
	// Stored is the trace as the query API last returned it, other
	// services' spans included: what the backend holds, for drawing it.
	Stored []model.SpanModel `json:"-"`
}

// SpanCheck is what became of one sent span.
type SpanCheck struct {
	Key   outbox.SpanKey
	Name  string
	State State
	// Stored is the span as read back, nil when missing.
	Stored      *model.SpanModel
	Differences []Difference
}

// Difference is one field stored otherwise than sent.
type Difference struct {
	// SpanID is the sent span's ID.
	SpanID string `json:"spanId"`
	// Field is a Zipkin v2 field path: "name", "parentId",
	// "localEndpoint.serviceName", "tags.error", "annotations", "copies"…
	Field  string `json:"field"`
	Sent   string `json:"sent"`
	Stored string `json:"stored"`
	// Why explains it from the table of known backend rewrites, or says it is
	// "not a known rewrite".
	Why string `json:"why"`
	// Rewrite names the known rewrite ("" when unknown), see RewriteNamed.
	Rewrite string `json:"rewrite,omitempty"`
	// Key is the sent span the difference belongs to.
	Key outbox.SpanKey `json:"-"`
}

// intact counts the spans read back without a difference.
func (t TraceReport) intact() int {
	n := 0
	for _, c := range t.Checks {
		if c.State == StateVerified {
			n++
		}
	}
	return n
}

// compareTrace compares the spans sent for one trace with those a query API
// of kind api returned (kind: QueryKindZipkin or QueryKindJaeger), sent with
// enc. Spans are matched by ID and kind, and a shared SERVER span that Jaeger
// re-IDed by name, kind and parent chain.
func compareTrace(sent, stored []model.SpanModel, api string, enc outbox.Encoding) TraceReport {
	distinct, copies := distinctWithCopies(sent)
	t := TraceReport{Spans: len(distinct), Differences: []Difference{}}
	if len(sent) > 0 {
		t.ID = sent[0].TraceID
		t.TraceID = t.ID.String()
	}
	m := matchSpans(distinct, stored)
	ctx := traceContext{api: api, enc: enc, reID: m.reID, sharedIDs: sharedIDs(distinct), v1Halves: map[model.ID]model.SpanModel{},
		stored: stored, storedByID: m.byID, sentIDs: idSet(distinct)}
	for i, s := range distinct {
		if enc.Codec().MergesShared && mergedInV1(distinct, i) {
			ctx.v1Halves[s.ID] = s
		}
	}
	for i, s := range distinct {
		c := SpanCheck{Key: outbox.KeyOf(s), Name: s.Name, State: StateMissing}
		if j := m.pairs[i]; j < 0 && enc.Codec().MergesShared && mergedInV1(distinct, i) {
			// Not stored as a span of its own, so not counted as found;
			// the difference says where it went.
			c.State = StateChanged
			c.Differences = []Difference{ctx.explain(s, nil, "span", "SERVER half", "")}
		} else if j >= 0 {
			t.Found++
			c.Stored = &stored[j]
			c.Differences = ctx.compare(s, stored[j])
			if n := m.storedCopies(stored, j); n != copies[i] { // fewer: collapsed; more: a retry's duplicate
				c.Differences = append(c.Differences, ctx.explain(s, &stored[j], "copies", itoa(copies[i]), itoa(n)))
			}
			c.State = StateVerified
			if len(c.Differences) > 0 {
				c.State = StateChanged
			}
		}
		t.Differences = append(t.Differences, c.Differences...)
		t.Checks = append(t.Checks, c)
	}
	switch {
	case t.Found < expectedSpans(distinct, enc) || t.Spans == 0:
		t.State = StateMissing
	case len(t.Differences) > 0:
		t.State = StateChanged
	default:
		t.State = StateVerified
	}
	return t
}

// mergedInV1 reports whether spans[i] is a shared SERVER span whose CLIENT
// was sent too: Zipkin v1 JSON carries both halves as one span.
func mergedInV1(spans []model.SpanModel, i int) bool {
	s := spans[i]
	if !s.Shared || s.Kind != model.Server {
		return false
	}
	for _, c := range spans {
		if c.ID == s.ID && c.Kind == model.Client && !c.Shared {
			return true
		}
	}
	return false
}

// allStored reports whether every span sent (one copy each; in v1 the shared
// SERVER half rides in its CLIENT's span) is among stored, matched as
// compareTrace matches them: a trace that also holds other services' spans
// is not complete until ours are there.
func allStored(sent, stored []model.SpanModel, enc outbox.Encoding) bool {
	distinct := distinctSpans(sent)
	m := matchSpans(distinct, stored)
	for i, j := range m.pairs {
		if j < 0 && !(enc.Codec().MergesShared && mergedInV1(distinct, i)) {
			return false
		}
	}
	return len(distinct) > 0
}

func idSet(spans []model.SpanModel) map[model.ID]bool {
	out := map[model.ID]bool{}
	for _, s := range spans {
		out[s.ID] = true
	}
	return out
}

// expectedSpans is how many spans a backend can hold of sent: identical
// copies count once, and in v1 a shared SERVER span rides in its CLIENT's.
func expectedSpans(sent []model.SpanModel, enc outbox.Encoding) int {
	d := distinctSpans(sent)
	n := len(d)
	if enc.Codec().MergesShared {
		for i := range d {
			if mergedInV1(d, i) {
				n--
			}
		}
	}
	return n
}

// distinctSpans drops exact duplicates (a backend may store them once).
func distinctSpans(spans []model.SpanModel) []model.SpanModel {
	d, _ := distinctWithCopies(spans)
	return d
}

func distinctWithCopies(spans []model.SpanModel) ([]model.SpanModel, []int) {
	var out []model.SpanModel
	var copies []int
	byKey := map[outbox.SpanKey][]int{} // indexes into out; only same-key spans can be equal
next:
	for _, s := range spans {
		k := outbox.KeyOf(s)
		for _, i := range byKey[k] {
			if reflect.DeepEqual(out[i], s) {
				copies[i]++
				continue next
			}
		}
		byKey[k] = append(byKey[k], len(out))
		out = append(out, s)
		copies = append(copies, 1)
	}
	return out, copies
}

func sharedIDs(spans []model.SpanModel) map[model.ID]bool {
	out := map[model.ID]bool{}
	for _, s := range spans {
		if s.Shared {
			out[s.ID] = true
		}
	}
	return out
}

// spanMatch pairs sent spans with stored ones.
type spanMatch struct {
	pairs []int // pairs[i] is the stored index of sent span i, -1 if none
	// reID maps a shared span's sent ID to the ID the backend gave it.
	reID map[model.ID]model.ID
	// byID and byParent index the stored spans, so that a trace of
	// thousands of spans is matched in linear time.
	byID, byParent map[model.ID][]int
}

// storedCopies counts the stored spans identical to stored[j].
func (m spanMatch) storedCopies(stored []model.SpanModel, j int) int {
	n := 0
	for _, i := range m.byID[stored[j].ID] {
		if reflect.DeepEqual(stored[i], stored[j]) {
			n++
		}
	}
	return n
}

// matchPass is one way of pairing: which stored spans are candidates for a
// sent one, and whether a candidate is the same span.
type matchPass struct {
	candidates func(s model.SpanModel) []int
	same       func(s, st model.SpanModel) bool
}

// matchSpans pairs spans in passes from the surest to the loosest: same ID,
// kind and shared flag; same ID and kind (Jaeger drops the shared flag); a
// SERVER span under a new ID whose parent is the shared span's ID and whose
// name matches (Jaeger's re-ID); finally the same ID and service (not a span
// another service reported under the same ID, such as the CLIENT whose call
// a continued trace's SERVER span shares).
func matchSpans(sent, stored []model.SpanModel) spanMatch {
	m := spanMatch{pairs: make([]int, len(sent)), reID: map[model.ID]model.ID{},
		byID: map[model.ID][]int{}, byParent: map[model.ID][]int{}}
	for j, st := range stored {
		m.byID[st.ID] = append(m.byID[st.ID], j)
		if st.ParentID != nil {
			m.byParent[*st.ParentID] = append(m.byParent[*st.ParentID], j)
		}
	}
	sentIDs := map[model.ID]bool{}
	for i, s := range sent {
		sentIDs[s.ID] = true
		m.pairs[i] = -1
	}
	byID := func(s model.SpanModel) []int { return m.byID[s.ID] }
	passes := []matchPass{
		{byID, func(s, st model.SpanModel) bool { return s.Kind == st.Kind && s.Shared == st.Shared }},
		{byID, func(s, st model.SpanModel) bool { return s.Kind == st.Kind }},
		{func(s model.SpanModel) []int { return m.byParent[s.ID] }, func(s, st model.SpanModel) bool {
			return s.Shared && s.Kind == model.Server && st.Kind == model.Server && !sentIDs[st.ID] &&
				strings.EqualFold(s.Name, st.Name)
		}},
		{byID, sameService},
	}
	taken := make([]bool, len(stored))
	for _, p := range passes {
		for i, s := range sent {
			if m.pairs[i] >= 0 {
				continue
			}
			for _, j := range p.candidates(s) {
				if !taken[j] && p.same(s, stored[j]) {
					m.pairs[i], taken[j] = j, true
					if stored[j].ID != s.ID && s.Shared {
						m.reID[s.ID] = stored[j].ID
					}
					break
				}
			}
		}
	}
	return m
}

// sameService: the stored span is on the sent span's service (any case, as
// names are lowercased on the way), or the sent span had none.
func sameService(s, st model.SpanModel) bool {
	sent := serviceOf(s.LocalEndpoint)
	return sent == "" || strings.EqualFold(sent, serviceOf(st.LocalEndpoint))
}

// sortedKeys lists a map's keys in order, for stable reports.
func sortedKeys(ms ...map[string]string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func serviceOf(e *model.Endpoint) string {
	if e == nil {
		return ""
	}
	return e.ServiceName
}
