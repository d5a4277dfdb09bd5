package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
)

// fileActions are the keys that read and write files: w, o, x.
func fileActions(k *KeyMap) []action {
	return []action{
		{&k.Save, needSpans, with(filesOf, fileDesk.save)},
		{&k.Load, nil, with(filesOf, fileDesk.load)},
		{&k.Export, needSpans, with(filesOf, fileDesk.export)},
	}
}

// fileDesk is w, o and x: the prompts that name a file, and what their
// results say. It keeps nothing between keys; the tree is where an opened
// scenario's first trace is selected.
type fileDesk struct {
	*common
	tree *treePane
}

// filesOf is the file desk, for the actions and the results it handles.
func filesOf(m *Model) fileDesk { return fileDesk{m.common, m.tree} }

func needSpans(m *Model) string {
	if m.session.Tree().Len() == 0 {
		return "no spans yet: press " + keyName(m.keys.NewTrace) + " to start a trace"
	}
	return ""
}

// Default file names, shown as the prompts' placeholders: enter on an empty
// prompt uses them; typing replaces them (nothing to delete first).
const (
	defaultScenarioFile = "scenario.json"
	defaultExportFile   = "spans.json"
)

// filePath is the path typed (or the default when nothing was), with ~
// expanded.
func filePath(typed, def string) (string, error) {
	p := strings.TrimSpace(typed)
	if p == "" {
		p = def
	}
	return tracing.ExpandHome(p)
}

func (f fileDesk) save() tea.Cmd {
	return f.ask(promptSpec{
		title:       "Save the trees as a scenario — file name (~ is your home; asks before replacing)",
		placeholder: defaultScenarioFile,
		accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultScenarioFile)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(filepath.Base(path), ".json")
			data, err := tracing.MarshalScenario(f.session.Scenario(name))
			if err != nil {
				return nil, err
			}
			detail := plural(len(f.session.Tree().Roots()), "trace")
			return writeFileCmd(fileWrite{op: "saved", path: path, data: data, detail: detail}), nil
		},
	})
}

func (f fileDesk) export() tea.Cmd {
	return f.ask(promptSpec{
		title:       "Export Zipkin v2 JSON (and a curl command) — file name (~ is your home; asks before replacing)",
		placeholder: defaultExportFile,
		accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultExportFile)
			if err != nil {
				return nil, err
			}
			data, err := f.session.ExportJSON()
			if err != nil {
				return nil, err
			}
			n := plural(len(f.session.ReportedSpans()), "span")
			log := []string{fmt.Sprintf("— exported %s to %s; post them with:", n, path), f.session.CurlCommand(path, f.reveal)}
			return writeFileCmd(fileWrite{op: "exported", path: path, data: data, detail: n, log: log}), nil
		},
	})
}

// load lists the built-in example scenarios (embedded: they work from any
// directory) and, last, a file of one's own.
func (f fileDesk) load() tea.Cmd {
	names := examples.Names()
	items := make([]listItem, 0, len(names)+1)
	for _, n := range names {
		note := "built-in example"
		if sc, err := examples.Builtin(n); err == nil && sc.Description != "" { // embedded: no I/O
			note += ": " + sc.Description
		}
		items = append(items, listItem{label: n, note: note})
	}
	if f.policy.NoFiles == "" {
		items = append(items, listItem{label: "a file…", note: "type a path (~ is your home)"})
	}
	f.open(&listDialog{paneBase: paneBase{common: f.common}, title: "Open a scenario", items: items,
		accept: func(i int) (tea.Cmd, error) {
			if i < len(names) {
				return loadBuiltinCmd(names[i]), nil
			}
			return f.ask(promptSpec{
				title: "Open a scenario file (~ is your home)", placeholder: "examples/checkout.json",
				accept: func(typed string) (tea.Cmd, error) {
					path, err := filePath(typed, "")
					if err != nil {
						return nil, err
					}
					return loadScenarioCmd(path), nil
				},
			}), nil
		},
		cancel: func() { f.say("Nothing opened.") },
	})
	return nil
}

// done reports a save, export or load; a file that exists is replaced
// only once the person says yes.
func (f fileDesk) done(msg fileMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, tracing.ErrExists):
		return f.askOverwrite(msg.write)
	case msg.err != nil:
		f.sayError(msg.err.Error())
		return nil
	case msg.op != "loaded":
		for _, l := range msg.write.log {
			f.send(logMsg{l})
		}
		f.say("%s %s to %s (mode 0600).", strings.ToUpper(msg.op[:1])+msg.op[1:], msg.write.detail, msg.path)
		return nil
	}
	roots, err := f.session.Replay(msg.scenario)
	if err != nil {
		f.sayError(err.Error())
		return nil
	}
	if len(roots) > 0 {
		f.tree.Select(roots[0])
	}
	f.say("Opened %s: %s with fresh IDs; %s flushes them.%s", msg.path, plural(len(roots), "trace"), keyName(f.keys.Flush), f.unsampledNote(roots))
	return nil
}

// unsampledNote says how many of the traces just opened the sampler will
// not send, "" when it sends them all: a scenario opened under "never"
// would otherwise look sent and never arrive.
func (f fileDesk) unsampledNote(roots []*tracing.Node) string {
	unsampled := 0
	for _, r := range roots {
		if !r.Sampled() {
			unsampled++
		}
	}
	sampler := f.session.Config().Sampler
	switch {
	case unsampled == 0:
		return ""
	case unsampled == len(roots):
		return fmt.Sprintf(" But the sampler (%s) keeps none of them: they will not be sent (%s changes it, then %s again).",
			sampler, keyName(f.keys.Sampler), keyName(f.keys.Load))
	}
	return fmt.Sprintf(" The sampler (%s) keeps %d of %d: the others will not be sent.", sampler, len(roots)-unsampled, len(roots))
}

func (f fileDesk) askOverwrite(w fileWrite) tea.Cmd {
	q := fmt.Sprintf("%s already exists — replace it? (%s)", w.path, keyName(both(f.keys.Yes, f.keys.No, "")))
	f.say("%s", q)
	f.open(&confirm{paneBase: paneBase{common: f.common}, question: q,
		yes: func() tea.Cmd {
			w.overwrite = true
			return writeFileCmd(w)
		},
		no: func() tea.Cmd {
			f.say("Not %s: %s is unchanged.", w.op, w.path)
			return nil
		}})
	return nil
}
