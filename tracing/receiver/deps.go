package receiver

import (
	"zipkin-playground/tracing/linker"
)

// DependencyLink is one edge of Zipkin's service graph
// (/api/v2/dependencies).
type DependencyLink struct {
	Parent     string `json:"parent"`
	Child      string `json:"child"`
	CallCount  int64  `json:"callCount"`
	ErrorCount int64  `json:"errorCount,omitempty"`
}

// dependencyLinks are the linker's links as the query API serves them.
func dependencyLinks(l *linker.Linker) []DependencyLink {
	out := []DependencyLink{}
	for _, d := range l.Links() {
		out = append(out, DependencyLink{Parent: d.Parent, Child: d.Child, CallCount: d.CallCount, ErrorCount: d.ErrorCount})
	}
	return out
}
