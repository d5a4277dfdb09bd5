package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
)

// Run starts the interactive playground with cfg and returns when the user
// quits. A non-empty scenario is opened first (a file, or the name of an
// embedded example such as "checkout"). The command line (ui/cli) calls it
// through main, so ui never imports the command line.
func Run(cfg tracing.Config, scenario string) error {
	var sc *tracing.Scenario
	if scenario != "" {
		loaded, err := examples.Load(scenario)
		if err != nil {
			return fmt.Errorf("cannot load the scenario: %w", err)
		}
		sc = &loaded
	}
	s, err := tracing.NewSession(cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	m := New(s)
	defer m.shop.Stop()
	if sc != nil {
		if _, err := s.Replay(*sc); err != nil {
			return err
		}
		m.setStatus("Opened %s: {Flush} flushes it; {NewTrace} starts a new trace.", scenario)
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen()).Run()
	return err
}
