package ui

import (
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// action is one key of the browse mode: its binding, why it does not apply
// now ("" when it does; nil means always) and what it does. why is both what
// disables the binding (and explains it in the help) and the action's guard.
type action struct {
	binding *key.Binding
	why     func(*Model) string
	do      func(*Model) tea.Cmd
}

// actionGroup is a themed part of the table, shown as one help column.
type actionGroup struct {
	title   string
	actions []action
}

// actionTable is every browse-mode action, by theme (one file each).
func actionTable(k *component.KeyMap) []actionGroup {
	return []actionGroup{
		{"spans", append(spanActions(k), undoActions(k)...)},
		{"delivery", append(deliveryActions(k), verifyActions(k)...)},
		{"files", fileActions(k)},
		{"settings", settingsActions(k)},
		{"options", optionActions(k)},
		{"learn", learnActions(k)},
		{"shop", append(shopActions(k), sourceActions(k)...)}, // M and s: views of what arrived
	}
}

// whyNot is why a does not apply now, "" when it does.
func (a action) whyNot(m *Model) string {
	if a.why == nil {
		return ""
	}
	return component.KeyText(m.common.Keys, a.why(m))
}

// refreshKeys enables the bindings whose action applies and keeps the reason
// of the others for the help.
func (m *Model) refreshKeys() {
	for _, g := range m.actions {
		for _, a := range g.actions {
			reason := a.whyNot(m)
			a.binding.SetEnabled(reason == "")
			m.reasons[a.binding] = reason
		}
	}
}

// runAction runs the action bound to msg. ok is false when no action has
// that key.
func (m *Model) runAction(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	for _, g := range m.actions {
		for _, a := range g.actions {
			if !component.MatchesDeclared(msg, *a.binding) {
				continue
			}
			if reason := a.whyNot(m); reason != "" {
				m.setErrorText(reason)
				return m.common.HoldTyping(a.binding, m.status), true
			}
			return a.do(m), true
		}
	}
	return nil, false
}
