// Package verify reads sent traces back from Zipkin or Jaeger through their
// query APIs and compares them, field by field, with what the session sent,
// naming every field a server rewrote and every span that never arrived.
package verify
