package tracing

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// spanShape is a reported span without its IDs and clock: what a replay of
// a scenario must reproduce.
type spanShape struct {
	Name, Kind, Service string
	Shared, Debug       bool
	Parent              int // index of the parent among the trace's spans, -1 for the root
	StartUs, Us         int64
	Tags                map[string]string
	Annotations         []string
}

func shapes(spans []model.SpanModel) []spanShape {
	index := map[model.ID]int{}
	for i, s := range spans {
		if !s.Shared {
			index[s.ID] = i
		}
	}
	var root model.SpanModel
	for _, s := range spans {
		if s.ParentID == nil {
			root = s
		}
	}
	out := make([]spanShape, len(spans))
	for i, s := range spans {
		sh := spanShape{Name: s.Name, Kind: string(s.Kind), Service: s.LocalEndpoint.ServiceName, Shared: s.Shared, Debug: s.Debug,
			Parent: -1, StartUs: s.Timestamp.Sub(root.Timestamp).Microseconds(), Us: s.Duration.Microseconds(), Tags: s.Tags}
		if s.Shared {
			sh.Parent = index[s.ID] // a shared span's parent is the client span it joined
		} else if s.ParentID != nil {
			sh.Parent = index[*s.ParentID]
		}
		for _, a := range s.Annotations {
			sh.Annotations = append(sh.Annotations, fmt.Sprintf("%dµs %s", a.Timestamp.Sub(root.Timestamp).Microseconds(), a.Value))
		}
		out[i] = sh
	}
	return out
}

// TestBurstBuildsWhatReplayBuilds: a burst's spans are the spans Replay
// reports for the same scenario — same names, kinds, services, shared
// SERVER span, parents, relative times, tags, error and annotations (and
// their times: an error's at its span's end) — made
// by zipkin-go, but with nothing kept in the tree.
func TestBurstBuildsWhatReplayBuilds(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Endpoint = "http://127.0.0.1:1/api/v2/spans" // nothing is flushed
	s, err := NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc := benchScenario()
	sc.Traces = append(sc.Traces, ScenarioSpan{Name: "debug root", Debug: true, DurationMs: 3,
		Children: []ScenarioSpan{{Name: "left running", Running: true}}})
	roots, err := s.Replay(sc)
	if err != nil {
		t.Fatal(err)
	}
	var replayed []model.SpanModel
	for _, n := range s.Tree().Nodes() {
		if n.Reported != nil {
			replayed = append(replayed, *n.Reported)
		}
	}
	treeSize := s.Tree().Len()
	b, err := s.NewBurst(sc)
	if err != nil {
		t.Fatal(err)
	}
	b.KeepSample(len(sc.Traces))
	counts, ids := b.Replay([]model.TraceID{})
	if s.Tree().Len() != treeSize {
		t.Errorf("the burst added %d nodes to the tree", s.Tree().Len()-treeSize)
	}
	want := BurstCounts{Traces: 2, Spans: 6, Reported: 5, Running: 1}
	if counts != want || len(ids) != 2 || ids[0] == roots[0].Context.TraceID {
		t.Errorf("counts %+v, want %+v; ids %v", counts, want, ids)
	}
	for i, id := range ids {
		got, wantShapes := shapes(traceOf(b.Sample(), id)), shapes(traceOf(replayed, roots[i].Context.TraceID))
		if !reflect.DeepEqual(got, wantShapes) {
			t.Errorf("trace %d:\n burst  %+v\n replay %+v", i, got, wantShapes)
		}
	}
	if c := s.Outbox().Counts(); c.Queued != 10 {
		t.Errorf("outbox %+v: want the 5 replayed and the 5 burst spans queued", c)
	}
}

// traceOf is the spans of one trace by start time (the tree lists them in
// display order, a burst in the order zipkin-go reports them).
func traceOf(spans []model.SpanModel, id model.TraceID) []model.SpanModel {
	var out []model.SpanModel
	for _, s := range spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("no span of trace %s", id))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Timestamp.Before(out[j].Timestamp) })
	return out
}
