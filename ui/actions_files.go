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
		{&k.Save, needSpans, (*Model).save},
		{&k.Load, nil, (*Model).load},
		{&k.Export, needSpans, (*Model).export},
	}
}

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

func (m *Model) save() tea.Cmd {
	return m.ask(promptSpec{
		title:       "Save the trees as a scenario — file name (~ is your home; asks before replacing)",
		placeholder: defaultScenarioFile,
		accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultScenarioFile)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(filepath.Base(path), ".json")
			data, err := tracing.MarshalScenario(m.session.Scenario(name))
			if err != nil {
				return nil, err
			}
			detail := plural(len(m.session.Tree().Roots()), "trace")
			return writeFileCmd(fileWrite{op: "saved", path: path, data: data, detail: detail}), nil
		},
	})
}

func (m *Model) export() tea.Cmd {
	return m.ask(promptSpec{
		title:       "Export Zipkin v2 JSON (and a curl command) — file name (~ is your home; asks before replacing)",
		placeholder: defaultExportFile,
		accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultExportFile)
			if err != nil {
				return nil, err
			}
			data, err := m.session.ExportJSON()
			if err != nil {
				return nil, err
			}
			n := plural(len(m.session.ReportedSpans()), "span")
			log := []string{fmt.Sprintf("— exported %s to %s; post them with:", n, path), m.session.CurlCommand(path, m.reveal)}
			return writeFileCmd(fileWrite{op: "exported", path: path, data: data, detail: n, log: log}), nil
		},
	})
}

// load lists the built-in example scenarios (embedded: they work from any
// directory) and, last, a file of one's own.
func (m *Model) load() tea.Cmd {
	names := examples.Names()
	items := make([]listItem, 0, len(names)+1)
	for _, n := range names {
		note := "built-in example"
		if sc, err := examples.Builtin(n); err == nil && sc.Description != "" { // embedded: no I/O
			note += ": " + sc.Description
		}
		items = append(items, listItem{label: n, note: note})
	}
	if m.policy.NoFiles == "" {
		items = append(items, listItem{label: "a file…", note: "type a path (~ is your home)"})
	}
	m.openDialog(&listDialog{paneBase: paneBase{common: m.common}, title: "Open a scenario", items: items,
		accept: func(i int) (tea.Cmd, error) {
			if i < len(names) {
				return loadBuiltinCmd(names[i]), nil
			}
			return m.ask(promptSpec{
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
		cancel: func() { m.setStatus("Nothing opened.") },
	}, modeDialog)
	return nil
}

// fileDone reports a save, export or load; a file that exists is replaced
// only once the person says yes.
func (m *Model) fileDone(msg fileMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, tracing.ErrExists):
		return m.askOverwrite(msg.write)
	case msg.err != nil:
		m.setError(msg.err)
		return nil
	case msg.op != "loaded":
		for _, l := range msg.write.log {
			m.log.Add(l)
		}
		m.setStatus("%s %s to %s (mode 0600).", strings.ToUpper(msg.op[:1])+msg.op[1:], msg.write.detail, msg.path)
		return nil
	}
	roots, err := m.session.Replay(msg.scenario)
	if err != nil {
		m.setError(err)
		return nil
	}
	if len(roots) > 0 {
		m.tree.Select(roots[0])
	}
	m.setStatus("Opened %s: %s with fresh IDs; %s flushes them.%s", msg.path, plural(len(roots), "trace"), keyName(m.keys.Flush), m.unsampledNote(roots))
	return m.ensureTick()
}

// unsampledNote says how many of the traces just opened the sampler will
// not send, "" when it sends them all: a scenario opened under "never"
// would otherwise look sent and never arrive.
func (m *Model) unsampledNote(roots []*tracing.Node) string {
	unsampled := 0
	for _, r := range roots {
		if !r.Sampled() {
			unsampled++
		}
	}
	sampler := m.session.Config().Sampler
	switch {
	case unsampled == 0:
		return ""
	case unsampled == len(roots):
		return fmt.Sprintf(" But the sampler (%s) keeps none of them: they will not be sent (%s changes it, then %s again).",
			sampler, keyName(m.keys.Sampler), keyName(m.keys.Load))
	}
	return fmt.Sprintf(" The sampler (%s) keeps %d of %d: the others will not be sent.", sampler, len(roots)-unsampled, len(roots))
}

func (m *Model) askOverwrite(w fileWrite) tea.Cmd {
	q := fmt.Sprintf("%s already exists — replace it? (%s)", w.path, keyName(both(m.keys.Yes, m.keys.No, "")))
	m.setStatus("%s", q)
	m.openDialog(&confirm{paneBase: paneBase{common: m.common}, question: q,
		yes: func() tea.Cmd {
			w.overwrite = true
			return writeFileCmd(w)
		},
		no: func() tea.Cmd {
			m.setStatus("Not %s: %s is unchanged.", w.op, w.path)
			return nil
		}}, modeDialog)
	return nil
}
