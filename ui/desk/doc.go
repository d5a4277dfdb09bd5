// Package desk holds the playground's root-less components: they draw no
// pane of their own but each owns a piece of the work — the demo shop (its
// services, calls, failures, and the service map that reads it), the files
// (save, export, load), undo, and quitting. A desk drives panes (package
// pane) and opens dialogs (package dialog); the root holds one of each and
// routes their messages to it.
package desk
