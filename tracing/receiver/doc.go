// Package receiver is an embedded Zipkin server on a local port: it takes
// spans as real clients POST them (v2 JSON and proto3, v1 JSON and Thrift,
// gzipped or not), keeps a bounded number of traces in memory and serves
// them back through Zipkin's query API.
package receiver
