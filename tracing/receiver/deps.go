package receiver

import (
	"sort"

	"github.com/openzipkin/zipkin-go/model"
)

// DependencyLink is one edge of Zipkin's service graph
// (/api/v2/dependencies).
type DependencyLink struct {
	Parent     string `json:"parent"`
	Child      string `json:"child"`
	CallCount  int64  `json:"callCount"`
	ErrorCount int64  `json:"errorCount,omitempty"`
}

// linker sums calls between services over traces, from their CLIENT/SERVER
// (and PRODUCER/CONSUMER) spans, as Zipkin's DependencyLinker does.
type linker struct {
	byPair map[[2]string]*DependencyLink
}

func newLinker() *linker { return &linker{byPair: map[[2]string]*DependencyLink{}} }

// addTrace links each SERVER (or CONSUMER) span to its caller's service —
// its remote endpoint, else the CLIENT it shares an ID with or its parent —
// and each CLIENT (or PRODUCER) no server answered to its remote service.
func (l *linker) addTrace(spans []model.SpanModel) {
	byID := map[model.ID][]int{}
	for i, s := range spans {
		byID[s.ID] = append(byID[s.ID], i)
	}
	answered := map[int]bool{}
	for _, s := range spans {
		if s.Kind != model.Server && s.Kind != model.Consumer {
			continue
		}
		caller := -1
		if s.Shared {
			caller = pickCaller(spans, byID[s.ID])
		} else if s.ParentID != nil {
			caller = pickCaller(spans, byID[*s.ParentID])
		}
		parent, failed := serviceOf(s.RemoteEndpoint), isError(s)
		if caller >= 0 {
			answered[caller] = true
			failed = failed || isError(spans[caller])
			if p := serviceOf(spans[caller].LocalEndpoint); p != "" {
				parent = p
			}
		}
		l.add(parent, serviceOf(s.LocalEndpoint), failed)
	}
	for i, s := range spans {
		if (s.Kind == model.Client || s.Kind == model.Producer) && !answered[i] {
			l.add(serviceOf(s.LocalEndpoint), serviceOf(s.RemoteEndpoint), isError(s))
		}
	}
}

// pickCaller is the CLIENT (or PRODUCER) among candidates, else any of them.
func pickCaller(spans []model.SpanModel, candidates []int) int {
	other := -1
	for _, i := range candidates {
		if spans[i].Kind == model.Client || spans[i].Kind == model.Producer {
			return i
		}
		if spans[i].Kind != model.Server && spans[i].Kind != model.Consumer {
			other = i
		}
	}
	return other
}

func isError(s model.SpanModel) bool {
	_, ok := s.Tags["error"]
	return ok
}

func (l *linker) add(parent, child string, failed bool) {
	if parent == "" || child == "" {
		return
	}
	k := [2]string{parent, child}
	d := l.byPair[k]
	if d == nil {
		d = &DependencyLink{Parent: parent, Child: child}
		l.byPair[k] = d
	}
	d.CallCount++
	if failed {
		d.ErrorCount++
	}
}

// links are the summed links, sorted by parent then child.
func (l *linker) links() []DependencyLink {
	out := make([]DependencyLink, 0, len(l.byPair))
	for _, d := range l.byPair {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Parent != out[j].Parent {
			return out[i].Parent < out[j].Parent
		}
		return out[i].Child < out[j].Child
	})
	return out
}
