package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/desk"
)

// fileActions are the keys that read and write files: w, o, x.
func fileActions(k *component.KeyMap) []action {
	return []action{
		{&k.Save, needSpans, with(filesOf, desk.Files.Save)},
		{&k.Load, nil, with(filesOf, desk.Files.Load)},
		{&k.Export, needSpans, with(filesOf, desk.Files.Export)},
	}
}

// filesOf is the file desk, for the actions and the results it handles.
func filesOf(m *Model) desk.Files { return desk.NewFiles(m.common, m.tree) }

func needSpans(m *Model) string {
	if m.common.Session.Tree().Len() == 0 {
		return "no spans yet: press " + component.KeyName(m.common.Keys.NewTrace) + " to start a trace"
	}
	return ""
}
