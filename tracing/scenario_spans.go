package tracing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// A Zipkin v2 JSON span list (what x exports, what Zipkin Lens uploads and
// GET /api/v2/trace/{id} answers) opens as a scenario: its shapes, names,
// kinds, tags, annotations and relative timing, replayed with fresh IDs.

// isSpanList says whether data is a JSON array (a span list), not a
// scenario object.
func isSpanList(data []byte) bool {
	trimmed := bytes.TrimSpace(data)
	return len(trimmed) > 0 && trimmed[0] == '['
}

// scenarioOfSpans builds a scenario from a v2 span list: one trace per root
// (a span whose parent is not in the list), children by parent ID, a shared
// SERVER span under the CLIENT span whose ID it shares, and a span whose
// parent ID is shared under the SERVER side (the work done on receipt).
func scenarioOfSpans(data []byte) (Scenario, error) {
	var spans []model.SpanModel
	if err := json.Unmarshal(data, &spans); err != nil {
		return Scenario{}, fmt.Errorf("%w: a span list (Zipkin v2 JSON) that does not decode: %v", errBadScenario, err)
	}
	if len(spans) == 0 {
		return Scenario{}, fmt.Errorf("%w: an empty span list", errBadScenario)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Timestamp.Before(spans[j].Timestamp) })
	type key struct {
		trace model.TraceID
		id    model.ID
	}
	owner := map[key]int{}  // the unshared span holding each ID
	server := map[key]int{} // the shared SERVER span holding it: its children's parent
	for i, sp := range spans {
		if sp.Shared {
			server[key{sp.TraceID, sp.ID}] = i
		} else {
			owner[key{sp.TraceID, sp.ID}] = i
		}
	}
	children := map[int][]int{}
	var roots []int
	for i, sp := range spans {
		parent, ok := -1, false
		if sp.Shared {
			parent, ok = owner[key{sp.TraceID, sp.ID}]
		} else if sp.ParentID != nil {
			if parent, ok = server[key{sp.TraceID, *sp.ParentID}]; !ok {
				parent, ok = owner[key{sp.TraceID, *sp.ParentID}]
			}
		}
		if ok && parent != i {
			children[parent] = append(children[parent], i)
		} else {
			roots = append(roots, i)
		}
	}
	sc := Scenario{Version: scenarioVersion, Name: "span list"}
	var build func(i int, base time.Time, depth int) ScenarioSpan
	build = func(i int, base time.Time, depth int) ScenarioSpan {
		sp := spans[i]
		out := ScenarioSpan{Name: sp.Name, Kind: string(sp.Kind), StartMs: msOf(sp.Timestamp.Sub(base)),
			DurationMs: msOf(sp.Duration), Debug: depth == 0 && sp.Debug, Tags: sp.Tags}
		if sp.LocalEndpoint != nil {
			out.Service = sp.LocalEndpoint.ServiceName
		}
		if e := sp.RemoteEndpoint; e != nil {
			out.RemoteEndpoint = &ScenarioEndpoint{ServiceName: e.ServiceName, Port: e.Port}
			if e.IPv4 != nil {
				out.RemoteEndpoint.IPv4 = e.IPv4.String()
			}
			if e.IPv6 != nil {
				out.RemoteEndpoint.IPv6 = e.IPv6.String()
			}
		}
		for _, a := range sp.Annotations {
			out.Annotations = append(out.Annotations, ScenarioAnnotation{AtMs: msOf(a.Timestamp.Sub(base)), Value: a.Value})
		}
		if depth < maxScenarioDepth {
			for _, c := range children[i] {
				out.Children = append(out.Children, build(c, base, depth+1))
			}
		}
		return out
	}
	for _, r := range roots {
		sc.Traces = append(sc.Traces, build(r, spans[r].Timestamp, 0))
	}
	for i := range sc.Traces {
		if err := sc.Traces[i].validate(fmt.Sprintf("traces[%d]", i), 0); err != nil {
			return Scenario{}, fmt.Errorf("%w: %v", errBadScenario, err)
		}
	}
	return sc, nil
}
