package ui

import (
	"fmt"
	"zipkin-playground/ui/pane"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// spanActions are the keys that build spans: n, D, P, c, f, t, e, a, K.
// They belong to the span tree, which does them.
func spanActions(k *component.KeyMap) []action {
	return []action{
		{&k.NewTrace, nil, with(treeOf, (*pane.Tree).NewTrace)},
		{&k.Child, childAllowed, with(treeOf, (*pane.Tree).NewChild)},
		{&k.Finish, needRunning, with(treeOf, (*pane.Tree).Finish)},
		{&k.Tag, needEditable, with(treeOf, (*pane.Tree).Tag)},
		{&k.Error, needEditable, with(treeOf, (*pane.Tree).MarkError)},
		{&k.Annotate, needEditable, with(treeOf, (*pane.Tree).Annotate)},
		{&k.Kind, nil, with(treeOf, (*pane.Tree).CycleKind)},
		{&k.Debug, nil, with(treeOf, (*pane.Tree).DebugTrace)},
		{&k.Continue, nil, with(treeOf, (*pane.Tree).ContinueTrace)},
		{&k.Remote, needEditable, with(treeOf, (*pane.Tree).RemoteEndpoint)},
	}
}

func needSelected(m *Model) string {
	if m.tree.Selected() == nil {
		return noSpan(m.common.Keys)
	}
	return ""
}

// childAllowed is c's guard: a span is selected, and a SERVER child only
// under a CLIENT (tracing.CheckChildKind says why not).
func childAllowed(m *Model) string {
	if why := needSelected(m); why != "" {
		return why
	}
	if err := tracing.CheckChildKind(m.tree.Selected(), m.tree.NextKind()); err != nil {
		return err.Error()
	}
	return ""
}

func needRunning(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return noSpan(m.common.Keys)
	case n.Finished:
		return fmt.Sprintf("%q is already finished (%s)", n.Name, component.ShortDur(n.Duration))
	}
	return ""
}

func needEditable(m *Model) string {
	n := m.tree.Selected()
	switch {
	case n == nil:
		return noSpan(m.common.Keys)
	case n.Finished:
		return fmt.Sprintf("%q is finished: zipkin-go reports a span once, so it cannot change; start a new span", n.Name)
	}
	return ""
}
