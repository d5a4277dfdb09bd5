package component

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// Key texts are read from the bindings, never spelled by hand: a key that
// moves, or a new key, changes every message, footer and help line at once.

// KeyHelp is bindings as "key desc · key desc": a dialog's footer, in the
// words of the help line.
func KeyHelp(bs ...key.Binding) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		if h := b.Help(); h.Key != "" {
			parts = append(parts, strings.TrimSpace(h.Key+" "+h.Desc))
		}
	}
	return strings.Join(parts, " · ")
}

// As is b described for one place (enter "changes" in the options).
func As(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// Both is a and b as one help item ("↑/↓ choose"): the keys of each, shown
// by the first symbol of each help key.
func Both(a, b key.Binding, desc string) key.Binding {
	first := func(b key.Binding) string { s, _, _ := strings.Cut(b.Help().Key, "/"); return s }
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(first(a)+"/"+first(b), desc))
}

// KeyName is how messages name b's key ("press n").
func KeyName(b key.Binding) string { return b.Help().Key }

// keyField is a placeholder for a key in a text kept as data: {Finish} is
// the Finish binding's key.
var keyField = regexp.MustCompile(`\{[A-Z][A-Za-z0-9]*\}`)

// KeyText puts each binding's key in place of its {Field} in s (texts kept
// as data: explanations, the glossary, empty-pane hints). A name that is no
// KeyMap field stays as it is (B3's {TraceId}).
func KeyText(k *KeyMap, s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	v := reflect.ValueOf(k).Elem()
	return keyField.ReplaceAllStringFunc(s, func(tok string) string {
		f := v.FieldByName(tok[1 : len(tok)-1])
		if !f.IsValid() {
			return tok
		}
		if b, ok := f.Interface().(key.Binding); ok {
			return KeyName(b)
		}
		return tok
	})
}

// withKeys is e with its keys filled in.
func (e Explanation) withKeys(k *KeyMap) Explanation {
	out := Explanation{Title: KeyText(k, e.Title), Items: make([]ExplainItem, len(e.Items))}
	for i, it := range e.Items {
		it.Means = KeyText(k, it.Means)
		it.Value = KeyText(k, it.Value)
		out.Items[i] = it
	}
	return out
}
