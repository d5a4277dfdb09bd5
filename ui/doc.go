// Package ui is zipkin-playground's interactive terminal: the root Bubble
// Tea model over the tracing package. It routes keys, sizes and
// asynchronous results to the panes, dialogs and desks (packages pane,
// dialog and desk, over package component's contract), carries out
// what they request, and holds the action table (the keys that act on the
// whole screen).
package ui
