// Package tracing is the engine of zipkin-playground: a session of real
// zipkin-go spans arranged as a tree, sampler specs that explain their
// decisions, the configuration and its checks, scenario files and bursts,
// and export. It knows nothing of the UI.
//
// Its parts live in sub-packages: b3 (propagation headers), zipkinv1 (the v1
// wire formats), secret (endpoint parsing and masking), outbox (delivery),
// receiver (the embedded Zipkin server), verify (reading traces and the
// service graph back) and shop (the demo services H calls); zipkinspan
// (Zipkin's rules for IDs, addresses and span clean-up) and linker (Zipkin's
// dependency linker) are the receiver's Zipkin semantics.
package tracing
