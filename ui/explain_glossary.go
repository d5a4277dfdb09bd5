package ui

import (
	"strings"

	"zipkin-playground/tracing/wire"
	"zipkin-playground/ui/component"
)

// glossary is every concept the playground shows, in plain words.
func glossary() component.Explanation {
	return component.Explanation{Title: "Glossary ({Glossary}: back)", Items: []component.ExplainItem{
		{Label: "trace", Value: "", Means: "One request's whole journey through a system: every span with the same trace ID."},
		{Label: "span", Value: "", Means: "One timed piece of work in one service: a name, a start, a duration, IDs, tags and annotations."},
		{Label: "root span", Value: "", Means: "The first span of a trace; it has no parent."},
		{Label: "trace ID", Value: "", Means: "16 or 32 lower-hex digits shared by every span of a trace."},
		{Label: "span ID", Value: "", Means: "16 lower-hex digits naming one span."},
		{Label: "parent ID", Value: "", Means: "The span ID of the span this one was started from; absent on a root."},
		{Label: "kind", Value: "", Means: "What side of a conversation a span is: CLIENT, SERVER, PRODUCER, CONSUMER, or none (local work)."},
		{Label: "CLIENT / SERVER", Value: "", Means: "The two sides of one remote call. With zipkin-go the SERVER span shares the CLIENT's span ID."},
		{Label: "shared span", Value: "", Means: "A SERVER span that reuses its CLIENT's span ID (shared: true)."},
		{Label: "PRODUCER / CONSUMER", Value: "", Means: "Sending a message to a queue, and receiving it later; the consumer is a child with its own ID."},
		{Label: "local endpoint", Value: "", Means: "The service (name, IP, port) that recorded a span."},
		{Label: "remote endpoint", Value: "", Means: "The other side of a call: the server a CLIENT called, the caller of a SERVER."},
		{Label: "tag", Value: "", Means: "A key=value fact on a span, searchable. error=<message> marks a failure."},
		{Label: "annotation", Value: "", Means: "A timestamped event inside a span."},
		{Label: "duration", Value: "", Means: "How long a span took; known when it finishes. Zipkin stores microseconds."},
		{Label: "sampling", Value: "", Means: "The decision, once per trace at its root, whether it is recorded; children and downstream services follow it."},
		{Label: "sampler", Value: "", Means: "zipkin-go's rule for that decision: always, never, modulo:N, boundary:RATE, counting:RATE ({Sampler} picks)."},
		{Label: "debug flag", Value: "", Means: "X-B3-Flags: 1: keep this trace whatever the sampler says ({Debug} starts one)."},
		{Label: "B3", Value: "", Means: "Zipkin's propagation headers: how a trace's IDs and sampling decision travel from service to service."},
		{Label: "B3 multi / single", Value: "", Means: "X-B3-TraceId, X-B3-SpanId, X-B3-ParentSpanId, X-B3-Sampled, X-B3-Flags — or all in one header, b3: {TraceId}-{SpanId}-{1|0|d}-{ParentSpanId}."},
		{Label: "gRPC metadata", Value: "", Means: "The multi headers as gRPC metadata, names lowercase (x-b3-traceid…)."},
		{Label: "continue a trace", Value: "", Means: "Start a span from headers another service sent ({Continue}): same trace ID, the sender's span as parent."},
		{Label: "reporter", Value: "", Means: "What zipkin-go hands a finished, sampled span to; here the outbox."},
		{Label: "outbox", Value: "", Means: "Where finished sampled spans wait until a collector answers 2xx; nothing is dropped."},
		{Label: "flush", Value: "", Means: "Sending what waits in the outbox ({Flush}), in batches, as POST /api/v2/spans."},
		{Label: "collector", Value: "", Means: "The server that accepts spans: Zipkin, Jaeger's Zipkin receiver, an OpenTelemetry collector, or the embedded receiver."},
		{Label: "202 Accepted", Value: "", Means: "Zipkin's answer to a good POST: accepted, not yet stored."},
		{Label: "embedded receiver", Value: "", Means: "A small Zipkin inside the playground (the default endpoint); the Received pane shows what it stored."},
		{Label: "encoding", Value: "", Means: encodingMeaning()},
		{Label: "lowercasing", Value: "", Means: "zipkin-go's JSON serializer writes span and service names lowercase, and Zipkin stores them so: 'GET /checkout' arrives as 'get /checkout'. The proto3 encoding keeps the case; Jaeger stores what it gets."},
	}}
}

// encodingMeaning names the encodings the outbox sends, from the table of
// wire formats: its title, whether names arrive lowercased, and the path a
// format is for when it is not the default's.
func encodingMeaning() string {
	cs := wire.SendCodecs()
	forms := make([]string, len(cs))
	for i, c := range cs {
		forms[i] = c.Title
		if !c.KeepsCase {
			forms[i] += " (names lowercased)"
		}
		if !c.Accepts(cs[0].Paths[0]) {
			forms[i] += " for " + strings.Join(c.Paths, " and ")
		}
	}
	list := forms[0]
	if n := len(forms); n > 1 {
		list = strings.Join(forms[:n-1], ", ") + ", or " + forms[n-1]
	}
	return "How spans are written on the wire: " + list + "."
}
