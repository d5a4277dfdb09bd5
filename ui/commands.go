package ui

// COMMANDS: every piece of I/O the UI starts runs here, in a tea.Cmd. The
// values a command needs are copied before the closure is built; results come
// back as messages.

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// tickMsg refreshes running spans' elapsed time.
type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(200*time.Millisecond, func(t time.Time) tea.Msg { return tickMsg(t) })
}
