package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/cli"
)

// Run starts the interactive playground with the command line's options and
// returns when the user quits.
func Run(opts cli.Options) error {
	var scenario *tracing.Scenario
	if opts.Load != "" {
		sc, err := tracing.LoadScenario(opts.Load)
		if err != nil {
			return fmt.Errorf("cannot load the scenario: %w", err)
		}
		scenario = &sc
	}
	s, err := tracing.NewSession(opts.Config)
	if err != nil {
		return err
	}
	defer s.Close()
	m := New(s)
	if scenario != nil {
		if _, err := s.Replay(*scenario); err != nil {
			return err
		}
		m.setStatus("Opened %s: F flushes it; n starts a new trace.", opts.Load)
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen()).Run()
	return err
}
