// Package b3 shows and reads B3 propagation headers: the formats zipkin-go's
// injectors write (multi, single, gRPC), and parsing of pasted header text
// back into a span context.
package b3
