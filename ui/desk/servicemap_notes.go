package desk

import (
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// The service map's words beyond the picture: which links the picture does
// not draw, and why a Jaeger map may show edges the shop never made.

// undrawnSuffix marks a link the picture leaves out, so a box without an
// arrow (the playground calling payments straight, past checkout's
// column) is not read as a service nobody called.
func undrawnSuffix(g mapGraph, l receiver.DependencyLink) string {
	if l.Parent == l.Child || g.drawn(l) {
		return ""
	}
	return "  (no arrow: it skips a column)"
}

// jaegerSharedNote: Jaeger links services from the spans as stored, before
// its query side gives a shared SERVER span an ID of its own, so with
// zipkin-go's shared spans its edges depend on the order spans arrived.
const jaegerSharedNote = "Jaeger links Zipkin's shared spans by arrival order: an edge such as gateway → inventory or checkout → checkout may be its mistake. Its trace view is right; so is the embedded receiver's map."

// mapNotes are the notes under the list for the query API of kind.
func mapNotes(kind string) []string {
	if kind == verify.QueryKindJaeger {
		return []string{jaegerSharedNote}
	}
	return nil
}
