package desk

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	"github.com/openzipkin/zipkin-go/model"
)

// What i says of a span that came from the demo shop, in the Received pane:
// which service recorded it, with which part of zipkin-go, and why it shares
// its caller's ID or is its child.

// ExplainSpan explains span s of a received trace (spans) when a shop
// service recorded it; ok is false for any other span.
func (d *Shop) ExplainSpan(s model.SpanModel, spans []model.SpanModel) (e component.Explanation, ok bool) {
	service := pane.ServiceName(s.LocalEndpoint)
	if !d.isService(service) {
		return e, false
	}
	items := []component.ExplainItem{{Label: "service", Value: component.Safe(service), Means: "One of the demo shop's services: a net/http server on a loopback port with its own zipkin-go tracer, named " + component.Safe(service) + ". zipkin-go's HTTP middleware recorded this span; zipkin-go's HTTP reporter sent it to the playground's endpoint."}}
	switch s.Kind {
	case model.Server:
		items = append(items, serverRelation(s, spans))
	case model.Client:
		items = append(items, component.ExplainItem{Label: "call", Value: "to " + component.Safe(pane.ServiceName(s.RemoteEndpoint)), Means: "zipkin-go's HTTP client transport started this CLIENT span as a child of " + component.Safe(service) + "'s SERVER span, and wrote its IDs into the request as B3: the service it called received " + s.ID.String() + " as X-B3-SpanId and joined it."})
	}
	if v, ok := s.Tags["error"]; ok {
		items = append(items, component.ExplainItem{Label: "error", Value: component.Safe(v), Means: "zipkin-go's middleware tags error with the HTTP status from 400 on. A service of the shop answers 502 when a call it made failed with a 5xx, so a failing payments marks checkout, gateway and your CLIENT span too."})
	}
	return component.Explanation{Title: "Explain · a span from the demo shop ({Glossary}: glossary)", Items: items}, true
}

// serverRelation says whether a SERVER span shares its caller's ID, is its
// child, or starts the trace — and why.
func serverRelation(s model.SpanModel, spans []model.SpanModel) component.ExplainItem {
	switch {
	case s.Shared:
		caller := "its caller's"
		for _, o := range spans {
			if o.ID == s.ID && o.Kind == model.Client {
				caller = component.Safe(pane.ServiceName(o.LocalEndpoint)) + "'s CLIENT"
			}
		}
		return component.ExplainItem{Label: "shared", Value: "span ID " + s.ID.String() + " = " + caller + " span", Means: "zipkin-go's server middleware read the B3 headers and, with shared spans on (zipkin-go's default), joined the caller's span instead of starting a child: one call, two halves, one ID (shared: true). Zipkin shows the halves as one span; Jaeger gives this half an ID of its own."}
	case s.ParentID != nil:
		return component.ExplainItem{Label: "child", Value: "of " + s.ParentID.String(), Means: "Its parent is the caller's span: this tracer has shared spans off, so the middleware started a child of the span the B3 headers named."}
	}
	return component.ExplainItem{Label: "root", Value: "no parent", Means: "The request carried no B3 headers (a curl without -H?), so the middleware started a new trace here."}
}

// isService says whether a service of the demo shop has that name.
func (d *Shop) isService(name string) bool {
	for _, r := range d.routes() {
		if r.Service == name {
			return true
		}
	}
	return false
}
