package desk

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"
	"zipkin-playground/ui/pane"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
)

// Files is w, o and x: the prompts that name a file, and what their
// results say. It keeps nothing between keys; the tree is where an opened
// scenario's first trace is selected.
type Files struct {
	*component.Common
	tree *pane.Tree
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

// Save asks for a file name and saves the trees there as a scenario.
func (f Files) Save() tea.Cmd {
	return f.Ask(component.PromptSpec{
		Title:       "Save the trees as a scenario — file name (~ is your home; asks before replacing)",
		Placeholder: defaultScenarioFile,
		Accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultScenarioFile)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(filepath.Base(path), ".json")
			data, err := tracing.MarshalScenario(f.Session.Scenario(name))
			if err != nil {
				return nil, err
			}
			detail := component.Plural(len(f.Session.Tree().Roots()), "trace")
			return component.WriteFileCmd(component.FileWrite{Op: "saved", Path: path, Data: data, Detail: detail}), nil
		},
	})
}

// Export asks for a file name and writes the spans there as Zipkin v2 JSON,
// with a curl command beside it.
func (f Files) Export() tea.Cmd {
	return f.Ask(component.PromptSpec{
		Title:       "Export Zipkin v2 JSON (and a curl command) — file name (~ is your home; asks before replacing)",
		Placeholder: defaultExportFile,
		Accept: func(typed string) (tea.Cmd, error) {
			path, err := filePath(typed, defaultExportFile)
			if err != nil {
				return nil, err
			}
			data, err := f.Session.ExportJSON()
			if err != nil {
				return nil, err
			}
			n := component.Plural(len(f.Session.ReportedSpans()), "span")
			log := []string{fmt.Sprintf("— exported %s to %s; post them with:", n, path), f.Session.CurlCommand(path, f.Reveal)}
			return component.WriteFileCmd(component.FileWrite{Op: "exported", Path: path, Data: data, Detail: n, Log: log}), nil
		},
	})
}

// Load lists the built-in example scenarios (embedded: they work from any
// directory) and, last, a file of one's own.
func (f Files) Load() tea.Cmd {
	names := examples.Names()
	items := make([]dialog.ListItem, 0, len(names)+1)
	for _, n := range names {
		note := "built-in example"
		if sc, err := examples.Builtin(n); err == nil && sc.Description != "" { // embedded: no I/O
			note += ": " + sc.Description
		}
		items = append(items, dialog.ListItem{Label: n, Note: note})
	}
	if f.Policy.NoFiles == "" {
		items = append(items, dialog.ListItem{Label: "a file…", Note: "type a path (~ is your home)"})
	}
	f.Open(&dialog.List{PaneBase: component.PaneBase{Common: f.Common}, Heading: "Open a scenario", Items: items,
		Accept: func(i int) (tea.Cmd, error) {
			if i < len(names) {
				return component.LoadBuiltinCmd(names[i]), nil
			}
			return f.Ask(component.PromptSpec{
				Title: "Open a scenario file (~ is your home)", Placeholder: "examples/checkout.json",
				Accept: func(typed string) (tea.Cmd, error) {
					path, err := filePath(typed, "")
					if err != nil {
						return nil, err
					}
					return component.LoadScenarioCmd(path), nil
				},
			}), nil
		},
		Cancel: func() { f.Say("Nothing opened.") },
	})
	return nil
}

// Done reports a save, export or load; a file that exists is replaced
// only once the person says yes.
func (f Files) Done(msg component.FileMsg) tea.Cmd {
	switch {
	case errors.Is(msg.Err, tracing.ErrExists):
		return f.askOverwrite(msg.Write)
	case msg.Err != nil:
		f.SayError(msg.Err.Error())
		return nil
	case msg.Op != "loaded":
		for _, l := range msg.Write.Log {
			f.Send(component.LogMsg{Line: l})
		}
		f.Say("%s %s to %s (mode 0600).", strings.ToUpper(msg.Op[:1])+msg.Op[1:], msg.Write.Detail, msg.Path)
		return nil
	}
	roots, err := f.Session.Replay(msg.Scenario)
	if err != nil {
		f.SayError(err.Error())
		return nil
	}
	if len(roots) > 0 {
		f.tree.Select(roots[0])
	}
	f.Say("Opened %s: %s with fresh IDs; %s flushes them.%s", msg.Path, component.Plural(len(roots), "trace"), component.KeyName(f.Keys.Flush), f.unsampledNote(roots))
	return nil
}

// unsampledNote says how many of the traces just opened the sampler will
// not send, "" when it sends them all: a scenario opened under "never"
// would otherwise look sent and never arrive.
func (f Files) unsampledNote(roots []*tracing.Node) string {
	unsampled := 0
	for _, r := range roots {
		if !r.Sampled() {
			unsampled++
		}
	}
	sampler := f.Session.Config().Sampler
	switch {
	case unsampled == 0:
		return ""
	case unsampled == len(roots):
		return fmt.Sprintf(" But the sampler (%s) keeps none of them: they will not be sent (%s changes it, then %s again).",
			sampler, component.KeyName(f.Keys.Sampler), component.KeyName(f.Keys.Load))
	}
	return fmt.Sprintf(" The sampler (%s) keeps %d of %d: the others will not be sent.", sampler, len(roots)-unsampled, len(roots))
}

func (f Files) askOverwrite(w component.FileWrite) tea.Cmd {
	q := fmt.Sprintf("%s already exists — replace it? (%s)", w.Path, component.KeyName(component.Both(f.Keys.Yes, f.Keys.No, "")))
	f.Say("%s", q)
	f.Open(&dialog.Confirm{PaneBase: component.PaneBase{Common: f.Common}, Question: q,
		Yes: func() tea.Cmd {
			w.Overwrite = true
			return component.WriteFileCmd(w)
		},
		No: func() tea.Cmd {
			f.Say("Not %s: %s is unchanged.", w.Op, w.Path)
			return nil
		}})
	return nil
}

// NewFiles is s, w, x and l over the tree's selection.
func NewFiles(c *component.Common, tree *pane.Tree) Files {
	return Files{Common: c, tree: tree}
}
