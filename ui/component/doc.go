// Package component is the contract of the playground's screen and what
// every piece of it shares: the contract each pane and dialog keeps
// (Component, Pane, Dialog, PaneBase, Placement); the shared context
// (Common) with the requests a component queues for the root (Say, Open,
// Ask, Send…); the styles, the keymap and its key texts; the text, box and
// scrolling helpers; the prompt a request opens and the explanation (i)
// every pane gives; the read-back state (Verification) and the commands
// whose results the root routes (flush, receiver, files).
//
// The screen's packages import it in layers, each only the ones below:
// dialog (the dialogs), pane (the panes, which open dialogs), desk (the
// components that draw nothing, which drive panes and open dialogs), and
// ui, the root, above them all. So the compiler, not a test, keeps every
// component from holding or reaching the root Model: a component talks to
// the root only through the contract, the requests it queues in Common and
// the messages its commands return.
package component
