package pane

import (
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"
)

// A narrow Received pane (80×24 gives it about 34 columns) cannot show a
// span's name, kind, service, duration and bar. In a trace that crosses
// services — the demo shop's — which service did the work says more than
// the operation's name (http/post twice per hop), so a row there shows the
// service where the name would be, and the details under the list name
// the operation.

// depthIndent is one level of the tree: two columns, one in a narrow pane.
func depthIndent(w int) string {
	if w < 60 {
		return " "
	}
	return "  "
}

// narrowName is the row's label when there is no room for the service
// beside the name: the service in a trace of several, the name otherwise.
func narrowName(t *recvTrace, s model.SpanModel, indent, name string) string {
	if svc := ServiceName(s.LocalEndpoint); t.services > 1 && svc != "" {
		return indent + component.Safe(svc)
	}
	return name
}
