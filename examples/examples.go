// Package examples holds the scenarios built into the binary: the demo trace
// that `send` replays, and the examples a person can open by name from any
// directory (`send checkout`, `--load messaging`, the TUI's open prompt).
// They are data, replayed by tracing.Session.Replay.
package examples

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"zipkin-playground/tracing"
)

//go:embed *.json
var files embed.FS

// DemoName is the scenario `send` replays when given no FILE: a root, a
// CLIENT call, its shared SERVER side in "payments", and a child there with a
// tag and an error.
const DemoName = "demo"

// Names lists the built-in scenarios, without ".json", sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(names)
	return names
}

// Builtin parses the built-in scenario name ("checkout" or "checkout.json").
func Builtin(name string) (tracing.Scenario, error) {
	file := strings.TrimSuffix(name, ".json") + ".json"
	data, err := files.ReadFile(file)
	if err != nil {
		return tracing.Scenario{}, fmt.Errorf("no built-in scenario %q (there are %s)", name, strings.Join(Names(), ", "))
	}
	sc, err := tracing.ParseScenario(data)
	if err != nil {
		return tracing.Scenario{}, fmt.Errorf("built-in %s: %w", file, err)
	}
	return sc, nil
}

// Load opens a scenario: the file at name when it exists on disk, else the
// built-in scenario it names ("checkout", "checkout.json" or
// "examples/checkout.json"), so the shipped examples work from any directory.
func Load(name string) (tracing.Scenario, error) {
	_, statErr := os.Stat(name)
	if statErr == nil || !errors.Is(statErr, fs.ErrNotExist) {
		return tracing.LoadScenario(name)
	}
	if builtin, ok := builtinName(name); ok {
		return Builtin(builtin)
	}
	return tracing.Scenario{}, fmt.Errorf("%s: no such file, and no built-in scenario of that name (there are %s)", name, strings.Join(Names(), ", "))
}

// builtinName maps a path that may point into examples/ to a built-in name.
func builtinName(name string) (string, bool) {
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	clean = strings.TrimPrefix(clean, "examples/")
	clean = strings.TrimSuffix(clean, ".json")
	if strings.Contains(clean, "/") {
		return "", false
	}
	for _, n := range Names() {
		if n == clean {
			return n, true
		}
	}
	return "", false
}
