package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

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
		return "no spans yet: press n to start a trace"
	}
	return ""
}

func (m *Model) save() tea.Cmd {
	return m.openPrompt(promptSpec{
		title: "Save the trees as a scenario — file name", value: "scenario.json",
		check: checkNonEmpty("a file name is needed"),
		accept: func(path string) (tea.Cmd, error) {
			path = strings.TrimSpace(path)
			data, err := tracing.MarshalScenario(m.session.Scenario(strings.TrimSuffix(path, ".json")))
			if err != nil {
				return nil, err
			}
			return writeFileCmd("saved", path, data, plural(len(m.session.Tree().Roots()), "trace")), nil
		},
	})
}

func (m *Model) load() tea.Cmd {
	return m.openPrompt(promptSpec{
		title: "Open a scenario — file name (see examples/)", value: "examples/checkout.json",
		check: checkNonEmpty("a file name is needed"),
		accept: func(path string) (tea.Cmd, error) {
			return loadScenarioCmd(strings.TrimSpace(path)), nil
		},
	})
}

func (m *Model) export() tea.Cmd {
	return m.openPrompt(promptSpec{
		title: "Export Zipkin v2 JSON (and a curl command) — file name", value: "spans.json",
		check: checkNonEmpty("a file name is needed"),
		accept: func(path string) (tea.Cmd, error) {
			path = strings.TrimSpace(path)
			data, err := m.session.ExportJSON()
			if err != nil {
				return nil, err
			}
			n := plural(len(m.session.ReportedSpans()), "span")
			m.log.Add(fmt.Sprintf("— export %s to %s; post them with:", n, path))
			m.log.Add(m.session.CurlCommand(path, m.reveal))
			return writeFileCmd("exported", path, data, n), nil
		},
	})
}

// fileDone reports a save, export or load.
func (m *Model) fileDone(msg fileMsg) tea.Cmd {
	if msg.err != nil {
		m.setError(msg.err)
		return nil
	}
	if msg.op != "loaded" {
		m.setStatus("%s %s to %s.", strings.ToUpper(msg.op[:1])+msg.op[1:], msg.detail, msg.path)
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
	m.setStatus("Opened %s: %s with fresh IDs; F flushes them.", msg.path, plural(len(roots), "trace"))
	return m.ensureTick()
}
