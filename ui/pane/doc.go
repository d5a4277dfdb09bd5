// Package pane holds the panes of the playground's screen — the span tree,
// the inspector, the B3 headers, the delivery log, what the receiver got,
// the lesson and the help — with the actions that belong to each (the span
// actions live with the tree) and what each explains (i). It holds the
// payload preview too, a dialog that reads the tree.
//
// A pane opens dialogs (package dialog) and reaches the root only through
// package component's contract, requests and messages.
package pane
