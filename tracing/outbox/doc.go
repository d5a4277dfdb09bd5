// Package outbox delivers spans to a Zipkin endpoint without dropping any:
// it queues reported spans, serializes them in the chosen encoding, POSTs
// them in batches (gzip, TLS, extra headers, retries), classifies each
// answer in words, and keeps every span that did not arrive for the next try.
package outbox
