// Package zipkinv1 speaks Zipkin's v1 wire formats: it decodes v1 JSON and
// v1 Thrift (what older clients such as py_zipkin and zipkin-js send) into
// zipkin-go's v2 span model, and encodes v2 spans as v1 JSON for the
// /api/v1/spans path.
package zipkinv1
