// Package component is what the playground's screen is made of: the panes,
// the dialogs and the components that draw nothing (the demo shop's desk),
// and what they share — the context (Common), the contract every pane and
// dialog keeps (Component, Dialog), the styles, the keymap, the text and box
// helpers, and the requests a component queues for the root.
//
// Package ui imports this one, so nothing here can import the root: the
// compiler, not a test, keeps every component from holding or reaching the
// root Model. A component talks to the root only through the contract, the
// requests it queues in Common and the messages its commands return.
package component
