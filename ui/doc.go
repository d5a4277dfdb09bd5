// Package ui is zipkin-playground's interactive terminal: the root Bubble
// Tea model over the tracing package. It routes keys, sizes and
// asynchronous results to the components of package component, carries out
// what they request, and holds the action table (the keys that act on the
// whole screen).
package ui
