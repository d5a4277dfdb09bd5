package component

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap is every key of the playground, declared once, so help, footers
// and the README's key table all read the same bindings.
// The root enables and disables the bindings of its actions in one place
// (refreshKeys), from the same check that guards the action.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Tab key.Binding

	NewTrace, Child, Finish, Tag, Error, Annotate, Kind key.Binding
	Debug, Continue                                     key.Binding
	Delete, NewSession                                  key.Binding // take back what was not sent

	B3, Flush, Retry, StopFlush, Endpoint, Sampler, Reveal key.Binding
	Save, Load, Export                                     key.Binding
	Options, Preview, Copy                                 key.Binding
	Verify                                                 key.Binding
	Shop, ServiceMap                                       key.Binding
	Source                                                 key.Binding // the Received pane: receiver or backend

	Help, Quit, Interrupt key.Binding

	// Learn (L), explain (i), remote endpoint (R); lesson and explain keys.
	Learn, Explain, Remote, NextLesson, PrevLesson, Glossary key.Binding

	// Dialog keys.
	Accept, Cancel, Close, Yes, No key.Binding
	Remove                         key.Binding // d: removes a header in the options

	// CloseHelp leaves the full help.
	CloseHelp key.Binding
}

// DefaultKeyMap is the playground's keymap, the one the README documents.
func DefaultKeyMap() KeyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		PageUp:   b("pgup", "page up", "pgup"),
		PageDown: b("pgdn", "page down", "pgdown"),
		Top:      b("g", "top", "g", "home"),
		Bottom:   b("G", "bottom", "G", "end"),
		Tab:      b("tab", "next pane", "tab"),

		NewTrace: b("n", "new trace", "n"),
		Child:    b("c", "child span", "c"),
		Finish:   b("f", "finish", "f"),
		Tag:      b("t", "tag", "t"),
		Error:    b("e", "error", "e"),
		Annotate: b("a", "annotate", "a"),
		Kind:     b("K", "next kind", "K"),
		Debug:    b("D", "debug trace", "D"),
		Continue: b("P", "paste B3 / continue", "P"),
		// Backspace too: a laptop's "delete" key sends it.
		Delete:     b("del/⌫", "delete span (unsent)", "delete", "backspace"),
		NewSession: b("N", "new session (clears unsent)", "N"),

		B3:         b("b", "B3 format", "b"),
		Flush:      b("F", "flush", "F"),
		Retry:      b("r", "retry failed", "r"),
		StopFlush:  b("esc", "cancel the flush", "esc"),
		Endpoint:   b("E", "endpoint", "E"),
		Sampler:    b("S", "sampler", "S"),
		Reveal:     b("v", "reveal secrets", "v"),
		Save:       b("w", "save scenario", "w"),
		Load:       b("o", "open scenario", "o"),
		Export:     b("x", "export JSON+curl", "x"),
		Options:    b("O", "options", "O"),
		Preview:    b("p", "payload preview", "p"),
		Copy:       b("y", "copy B3 headers", "y"),
		Verify:     b("V", "verify (read back)", "V"),
		Shop:       b("H", "call the demo shop", "H"),
		ServiceMap: b("M", "service map", "M"),
		Source:     b("s", "received: receiver ↔ backend", "s"),

		Help:      b("?", "help", "?"),
		Quit:      b("q", "quit", "q"),
		Interrupt: b("ctrl+c", "quit (cancels a flush)", "ctrl+c"),

		Learn:      b("L", "learn (guided tour)", "L"),
		Explain:    b("i", "explain this", "i"),
		Remote:     b("R", "remote endpoint", "R"),
		NextLesson: b("→/]", "next lesson", "right", "]"),
		PrevLesson: b("←/[", "previous lesson", "left", "["),
		Glossary:   b("tab", "explain ↔ glossary", "tab"),

		Accept: b("enter", "accept", "enter"),
		Cancel: b("esc", "cancel", "esc"),
		Close:  b("ctrl+c", "close", "ctrl+c"),
		Yes:    b("y", "yes", "y", "Y"),
		No:     b("n", "no", "n", "N", "esc"),
		Remove: b("d", "remove header", "d", "delete"),

		CloseHelp: b("?/esc", "close", "?", "esc"),
	}
}

// MatchesDeclared is key.Matches on the binding as declared, enabled or not:
// a disabled action's key still answers, with the reason it does not apply.
func MatchesDeclared(msg tea.KeyMsg, b key.Binding) bool {
	b.SetEnabled(true)
	return key.Matches(msg, b)
}
