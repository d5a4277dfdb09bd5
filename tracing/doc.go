// Package tracing is the engine of zipkin-playground: a session of real
// zipkin-go spans arranged as a tree, sampler specs that explain their
// decisions, the configuration and its checks, scenario files and bursts,
// and export. It knows nothing of the UI.
//
// Its parts live in sub-packages: b3 (propagation headers), zipkinv1 (the v1
// wire formats), secret (endpoint parsing and masking), outbox (delivery),
// receiver (the embedded Zipkin server) and verify (reading traces back).
package tracing
