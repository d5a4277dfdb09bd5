package component

import (
	"os"

	"github.com/charmbracelet/lipgloss"
)

// Styles are every style of the screen, built once and passed down.
type Styles struct {
	TopBar, TopKey, Title, FocusTitle lipgloss.Style
	Pane, FocusPane                   lipgloss.Style // border lines
	Selected, Dim, Label              lipgloss.Style
	Kind, Debug, NotSampled, Err      lipgloss.Style
	Running, Queued, Sending          lipgloss.Style
	Delivered, Failed                 lipgloss.Style
	OK, Bad, Hint, Status             lipgloss.Style
	Prompt, PromptError, Bar          lipgloss.Style
}

// DefaultStyles are adaptive colours; with NO_COLOR set only bold, faint and
// reverse are used.
func DefaultStyles() Styles {
	noColor := os.Getenv("NO_COLOR") != ""
	c := func(light, dark string) lipgloss.TerminalColor {
		if noColor {
			return lipgloss.NoColor{}
		}
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	fg := func(light, dark string) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(light, dark)) }
	return Styles{
		TopBar:      lipgloss.NewStyle().Foreground(c("235", "252")).Background(c("254", "236")),
		TopKey:      lipgloss.NewStyle().Bold(true).Foreground(c("25", "117")).Background(c("254", "236")),
		Title:       lipgloss.NewStyle().Bold(true).Foreground(c("240", "250")),
		FocusTitle:  lipgloss.NewStyle().Bold(true).Foreground(c("25", "117")),
		Pane:        fg("250", "240"),
		FocusPane:   fg("25", "117"),
		Selected:    lipgloss.NewStyle().Reverse(true),
		Dim:         lipgloss.NewStyle().Faint(true),
		Label:       fg("240", "245"),
		Kind:        fg("97", "177").Bold(true),
		Debug:       fg("166", "214").Bold(true),
		NotSampled:  fg("244", "244").Italic(true),
		Err:         fg("160", "203").Bold(true),
		Running:     fg("30", "80"),
		Queued:      fg("136", "221"),
		Sending:     fg("25", "117"),
		Delivered:   fg("28", "114"),
		Failed:      fg("160", "203").Bold(true),
		OK:          fg("28", "114"),
		Bad:         fg("160", "203"),
		Hint:        fg("136", "221"),
		Status:      lipgloss.NewStyle().Bold(true),
		Prompt:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c("25", "117")).Padding(0, 1),
		PromptError: fg("160", "203"),
		Bar:         fg("25", "117"),
	}
}
