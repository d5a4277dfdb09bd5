// Package tracing is the engine of zipkin-playground: a session of real
// zipkin-go spans arranged as a tree, sampler specs that explain their
// decisions, B3 headers as zipkin-go's injectors write them, an outbox
// reporter that never drops a span, an embedded Zipkin receiver, and endpoint
// parsing with secret masking. It knows nothing of the UI.
package tracing
