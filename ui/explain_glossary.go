package ui

// glossary is every concept the playground shows, in plain words.
func glossary() explanation {
	return explanation{title: "Glossary ({Glossary}: back)", items: []explainItem{
		{"trace", "", "One request's whole journey through a system: every span with the same trace ID."},
		{"span", "", "One timed piece of work in one service: a name, a start, a duration, IDs, tags and annotations."},
		{"root span", "", "The first span of a trace; it has no parent."},
		{"trace ID", "", "16 or 32 lower-hex digits shared by every span of a trace."},
		{"span ID", "", "16 lower-hex digits naming one span."},
		{"parent ID", "", "The span ID of the span this one was started from; absent on a root."},
		{"kind", "", "What side of a conversation a span is: CLIENT, SERVER, PRODUCER, CONSUMER, or none (local work)."},
		{"CLIENT / SERVER", "", "The two sides of one remote call. With zipkin-go the SERVER span shares the CLIENT's span ID."},
		{"shared span", "", "A SERVER span that reuses its CLIENT's span ID (shared: true)."},
		{"PRODUCER / CONSUMER", "", "Sending a message to a queue, and receiving it later; the consumer is a child with its own ID."},
		{"local endpoint", "", "The service (name, IP, port) that recorded a span."},
		{"remote endpoint", "", "The other side of a call: the server a CLIENT called, the caller of a SERVER."},
		{"tag", "", "A key=value fact on a span, searchable. error=<message> marks a failure."},
		{"annotation", "", "A timestamped event inside a span."},
		{"duration", "", "How long a span took; known when it finishes. Zipkin stores microseconds."},
		{"sampling", "", "The decision, once per trace at its root, whether it is recorded; children and downstream services follow it."},
		{"sampler", "", "zipkin-go's rule for that decision: always, never, modulo:N, boundary:RATE, counting:RATE ({Sampler} picks)."},
		{"debug flag", "", "X-B3-Flags: 1: keep this trace whatever the sampler says ({Debug} starts one)."},
		{"B3", "", "Zipkin's propagation headers: how a trace's IDs and sampling decision travel from service to service."},
		{"B3 multi / single", "", "X-B3-TraceId, X-B3-SpanId, X-B3-ParentSpanId, X-B3-Sampled, X-B3-Flags — or all in one header, b3: {TraceId}-{SpanId}-{1|0|d}-{ParentSpanId}."},
		{"gRPC metadata", "", "The multi headers as gRPC metadata, names lowercase (x-b3-traceid…)."},
		{"continue a trace", "", "Start a span from headers another service sent ({Continue}): same trace ID, the sender's span as parent."},
		{"reporter", "", "What zipkin-go hands a finished, sampled span to; here the outbox."},
		{"outbox", "", "Where finished sampled spans wait until a collector answers 2xx; nothing is dropped."},
		{"flush", "", "Sending what waits in the outbox ({Flush}), in batches, as POST /api/v2/spans."},
		{"collector", "", "The server that accepts spans: Zipkin, Jaeger's Zipkin receiver, an OpenTelemetry collector, or the embedded receiver."},
		{"202 Accepted", "", "Zipkin's answer to a good POST: accepted, not yet stored."},
		{"embedded receiver", "", "A small Zipkin inside the playground (the default endpoint); the Received pane shows what it stored."},
		{"encoding", "", "How spans are written on the wire: Zipkin v2 JSON (names lowercased), v2 proto3, or v1 JSON for /api/v1/spans."},
		{"lowercasing", "", "zipkin-go's JSON serializer writes span and service names lowercase, and Zipkin stores them so: 'GET /checkout' arrives as 'get /checkout'. The proto3 encoding keeps the case; Jaeger stores what it gets."},
	}}
}
