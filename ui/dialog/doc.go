// Package dialog holds the dialogs a pane or a desk opens over the screen:
// the options (O) and their rows, the pickers, confirmations and lists, the
// endpoint editor, the sampler choice and the demo shop's route picker.
//
// A dialog knows no pane and no desk: it gets the shared context
// (component.Common) and answers through its callbacks, the requests it
// queues and the messages its commands return.
package dialog
