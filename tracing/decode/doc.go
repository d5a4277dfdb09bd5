// Package decode reads the span bodies a Zipkin collector accepts — v2 JSON,
// proto3, v1 JSON and v1 Thrift — into zipkin-go's span model as Zipkin's
// collector reads them, a chunk of spans at a time so a large body never
// costs its decoded size all at once. The encoding table (tracing/wire)
// names the function for each wire format.
package decode
