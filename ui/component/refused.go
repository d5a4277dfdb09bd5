package component

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// promptKeys are the actions that open a text prompt: refused, they still
// open one, so the name typed next lands there and not on the command keys.
func promptKeys(k *KeyMap) []*key.Binding {
	return []*key.Binding{&k.NewTrace, &k.Child, &k.Tag, &k.Error, &k.Annotate, &k.Remote,
		&k.Continue, &k.Endpoint, &k.Save, &k.Export}
}

// HoldTyping opens a prompt that shows why b was refused and takes what is
// typed next (enter or esc closes it), when b would have opened one.
func (c *Common) HoldTyping(b *key.Binding, reason string) tea.Cmd {
	for _, p := range promptKeys(c.Keys) {
		if p != b {
			continue
		}
		return c.Ask(PromptSpec{
			Title: fmt.Sprintf("%s refused: %s", b.Help().Key, reason),
			Check: func(string) (string, string) {
				return fmt.Sprintf("Typing here runs no command; %s or %s closes.", KeyName(c.Keys.Accept), KeyName(c.Keys.Cancel)), ""
			},
			Accept:    func(string) (tea.Cmd, error) { return nil, nil },
			Cancelled: func() {},
		})
	}
	return nil
}
