// Package encode writes span bodies as a Zipkin collector takes them, where
// the playground's own writer is faster than zipkin-go's and its bytes are
// zipkin-go's, byte for byte (Zipkin v2 JSON). Package decode reads them.
package encode
