package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key of the playground (SPEC.md "Keymap"), declared once.
// Bindings that do not apply in the current state are disabled and vanish
// from the help.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Tab key.Binding

	NewTrace, Child, Finish, Tag, Error, Annotate, Kind key.Binding
	Debug, Continue                                     key.Binding

	B3, Flush, Retry, Endpoint, Sampler, Reveal key.Binding
	Save, Load, Export                          key.Binding

	Help, Quit key.Binding

	// Prompt and dialog keys.
	Accept, Cancel, Yes, No key.Binding
}

// DefaultKeyMap is the keymap of SPEC.md.
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

		B3:       b("b", "B3 format", "b"),
		Flush:    b("F", "flush", "F"),
		Retry:    b("r", "retry failed", "r"),
		Endpoint: b("E", "endpoint", "E"),
		Sampler:  b("S", "sampler", "S"),
		Reveal:   b("v", "reveal secrets", "v"),
		Save:     b("w", "save scenario", "w"),
		Load:     b("o", "open scenario", "o"),
		Export:   b("x", "export JSON+curl", "x"),

		Help: b("?", "help", "?"),
		Quit: b("q", "quit", "q", "ctrl+c"),

		Accept: b("enter", "accept", "enter"),
		Cancel: b("esc", "cancel", "esc"),
		Yes:    b("y", "yes", "y", "Y"),
		No:     b("n", "no", "n", "N", "esc"),
	}
}

// ShortHelp is the help line: the keys that apply now, most useful first.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NewTrace, k.Child, k.Finish, k.Tag, k.Error, k.Annotate, k.Kind, k.B3, k.Flush, k.Retry, k.Help, k.Quit}
}

// FullHelp is every key, by group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Tab},
		{k.NewTrace, k.Child, k.Finish, k.Tag, k.Error, k.Annotate, k.Kind},
		{k.Debug, k.Continue, k.B3, k.Flush, k.Retry, k.Export},
		{k.Endpoint, k.Sampler, k.Reveal, k.Save, k.Load, k.Help, k.Quit},
	}
}

// state is what decides which keys apply.
type keyState struct {
	hasSpans, selected, running, editable, pending, failed, flushing, secrets bool
}

func (k *KeyMap) setEnabled(s keyState) {
	nav := s.hasSpans
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom} {
		b.SetEnabled(nav)
	}
	k.Child.SetEnabled(s.selected)
	k.Finish.SetEnabled(s.selected && s.running)
	k.Tag.SetEnabled(s.editable)
	k.Error.SetEnabled(s.editable)
	k.Annotate.SetEnabled(s.editable)
	k.B3.SetEnabled(s.selected)
	k.Flush.SetEnabled(s.pending && !s.flushing)
	k.Retry.SetEnabled(s.failed && !s.flushing)
	k.Reveal.SetEnabled(s.secrets)
	k.Save.SetEnabled(s.hasSpans)
	k.Export.SetEnabled(s.hasSpans)
}
