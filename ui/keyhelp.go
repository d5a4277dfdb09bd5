package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// Key texts are read from the bindings, never spelled by hand: a key that
// moves, or a new key, changes every message, footer and help line at once.

// keyHelp is bindings as "key desc · key desc": a dialog's footer, in the
// words of the help line.
func keyHelp(bs ...key.Binding) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		if h := b.Help(); h.Key != "" {
			parts = append(parts, strings.TrimSpace(h.Key+" "+h.Desc))
		}
	}
	return strings.Join(parts, " · ")
}

// as is b described for one place (enter "changes" in the options).
func as(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// both is a and b as one help item ("↑/↓ choose"): the keys of each, shown
// by the first symbol of each help key.
func both(a, b key.Binding, desc string) key.Binding {
	first := func(b key.Binding) string { s, _, _ := strings.Cut(b.Help().Key, "/"); return s }
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(first(a)+"/"+first(b), desc))
}

// keyName is how messages name b's key ("press n").
func keyName(b key.Binding) string { return b.Help().Key }
