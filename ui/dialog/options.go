package dialog

import (
	"errors"
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/settings"
)

// optionsDialog is O: every setting that is a flag, changed in the running
// session with the flag's own validation (a dialog). Changing a value opens
// a prompt or a list; when that closes, the options come back.
type optionsDialog struct {
	component.PaneBase
	cursor int
	closed bool
}

// reopen brings the options back after a prompt or list they opened.
func (d *optionsDialog) reopen() tea.Cmd {
	d.closed = false
	d.Open(d)
	return nil
}

// Title names the dialog.
func (d *optionsDialog) Title() string { return "Options — each is also a flag; changes apply now" }

// Closed says the dialog was left.
func (d *optionsDialog) Closed() bool { return d.closed }

// Update moves the cursor; enter changes the setting, d removes a header,
// esc and ctrl+c close.
func (d *optionsDialog) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	rows := optionRows(d.Common)
	d.cursor = min(d.cursor, len(rows)-1)
	row := rows[d.cursor]
	switch {
	case key.Matches(km, d.Keys.Cancel), key.Matches(km, d.Keys.Close):
		d.closed = true
		d.Say("Options closed.")
	case key.Matches(km, d.Keys.Accept):
		d.closed = true // the row's dialog takes the slot, and brings the options back
		if row.set != nil {
			return d, d.optionPrompt(row)
		}
		return d, row.act(d)
	case key.Matches(km, d.Keys.Remove):
		if row.remove == nil {
			d.SayError(component.KeyName(d.Keys.Remove) + " removes a header; " + row.name + " is not one")
			return d, nil
		}
		return d, row.remove(d)
	default:
		d.cursor = component.Navigate(d.Keys, km, d.cursor, 5, len(rows)-1)
	}
	return d, nil
}

// ShortHelp is the dialog's keys.
func (d *optionsDialog) ShortHelp() []key.Binding {
	return []key.Binding{component.Both(d.Keys.Up, d.Keys.Down, "choose"), component.As(d.Keys.Accept, "changes"), d.Keys.Remove, component.As(d.Keys.Cancel, "closes")}
}

// FullHelp is the dialog's keys.
func (d *optionsDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.Keys.Up, d.Keys.Down, d.Keys.Accept, d.Keys.Remove, d.Keys.Cancel, d.Keys.PageUp, d.Keys.PageDown, d.Keys.Top, d.Keys.Bottom, d.Keys.Close}}
}

// View draws the rows (name and value), the selected one marked, and what
// the selected setting does and its flag, wrapped; a value too long for its
// row is given whole there too. Rows scroll when the screen is short.
func (d *optionsDialog) View() string {
	st := d.Styles
	m := d.Common
	inner := max(10, d.Width-4)
	rows := optionRows(m)
	d.cursor = min(d.cursor, len(rows)-1)
	const nameW = 20
	rowText := func(r optionRow) string {
		v := r.value(m)
		if !m.Reveal {
			v = m.Session.Masker().Mask(v)
		}
		return fmt.Sprintf("%-*s %s", nameW, r.name, v)
	}
	sel := rows[d.cursor]
	about := sel.about + " (" + sel.flag + ")"
	if w := lipgloss.Width(rowText(sel)) + 2; w > inner {
		about = "value: " + strings.TrimSpace(rowText(sel)[nameW:]) + " — " + about
	}
	aboutLines := DialogWrap(st.Dim, about, inner)
	room := max(1, d.Height-8-len(aboutLines)) // top bar (2), status, help, box (2), title, footer
	first := max(0, min(d.cursor-room/2, len(rows)-room))
	lines := []string{st.Status.Render(d.Title())}
	for i := first; i < min(len(rows), first+room); i++ {
		if i == d.cursor {
			lines = append(lines, st.Selected.Render(component.FitLine("▶ "+rowText(rows[i]), inner)))
			continue
		}
		lines = append(lines, component.FitLine("  "+rowText(rows[i]), inner))
	}
	lines = append(lines, aboutLines...)
	lines = append(lines, st.Dim.Render(component.FitLine(component.KeyHelp(d.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// optionPrompt asks for a row's new value: the current value is the
// placeholder (enter on nothing keeps it); the text is checked as it is
// typed, with the flag's validation.
func (d *optionsDialog) optionPrompt(row optionRow) tea.Cmd {
	m := d.Common
	current := row.value(m)
	check := func(s string) (string, string) {
		if strings.TrimSpace(s) == "" {
			return component.KeyName(m.Keys.Accept) + " keeps " + current, ""
		}
		cfg := m.Session.Config()
		if err := row.set(&cfg, s); err != nil {
			return "", err.Error()
		}
		if err := cfg.Validate(); err != nil {
			return "", err.Error()
		}
		return "", ""
	}
	return m.Ask(component.PromptSpec{
		Title:       fmt.Sprintf("%s (%s) — %s", row.name, row.flag, row.about),
		Placeholder: current, Check: check, OwnsEmpty: true,
		Accept: func(s string) (tea.Cmd, error) {
			if strings.TrimSpace(s) == "" {
				m.Say("%s unchanged: %s.", capitalize(row.name), current)
				return d.reopen(), nil
			}
			var parseErr error
			err := m.Session.Reconfigure(func(c *tracing.Config) { parseErr = row.set(c, s) })
			if parseErr != nil {
				return nil, parseErr
			}
			if err != nil {
				return nil, err
			}
			m.Say("%s: %s → %s (%s).", capitalize(row.name), current, row.value(m), row.about)
			return d.reopen(), nil
		},
		Cancelled: func() { m.Say("%s unchanged.", capitalize(row.name)); d.reopen() },
	})
}

// chooseSetting lists a setting's choices; one the session refuses (the
// endpoint's path does not take an encoding) is refused in the list with
// the flag's error.
func (d *optionsDialog) chooseSetting(s settings.Setting) tea.Cmd {
	m := d.Common
	current := s.Value(m.LiveConfig())
	items := make([]ListItem, len(s.Choices))
	list := &List{PaneBase: component.PaneBase{Common: m}, Heading: fmt.Sprintf("%s (--%s)", capitalize(s.Name), s.Flag), Items: items,
		Accept: func(i int) (tea.Cmd, error) {
			var parseErr error
			err := m.Session.Reconfigure(func(c *tracing.Config) { parseErr = s.Parse(c, s.Choices[i].Value) })
			if err = errors.Join(parseErr, err); err != nil {
				return nil, err
			}
			m.Say("%s: %s → %s (%s).", capitalize(s.Name), current, s.Value(m.LiveConfig()), s.Choices[i].Note)
			return d.reopen(), nil
		},
		Cancel: func() { m.Say("%s unchanged: %s.", capitalize(s.Name), current); d.reopen() },
	}
	for i, c := range s.Choices {
		items[i] = ListItem{Label: c.Value, Note: c.Note}
		if c.Value == current {
			list.cursor = i
		}
	}
	m.Open(list)
	return nil
}

// headerNamePrompt asks for a new header's name, then its value.
func (d *optionsDialog) headerNamePrompt() tea.Cmd {
	m := d.Common
	return m.Ask(component.PromptSpec{
		Title: "New header on every POST (--header) — its name", Placeholder: "Authorization",
		Check: func(s string) (string, string) {
			if strings.TrimSpace(s) == "" {
				return "", ""
			}
			if err := tracing.ValidateHeader(secret.Header{Name: strings.TrimSpace(s)}); err != nil {
				return "", err.Error()
			}
			return "", ""
		},
		Accept: func(s string) (tea.Cmd, error) {
			name := strings.TrimSpace(s)
			if name == "" {
				name = "Authorization"
			}
			return d.headerValuePrompt(name, -1), nil
		},
		Cancelled: func() { m.Say("No header added."); d.reopen() },
	})
}

// headerValuePrompt asks for the value of header name (i is its index, -1
// for a new one). The value is hidden as it is typed unless secrets are
// revealed: it is a secret.
func (d *optionsDialog) headerValuePrompt(name string, i int) tea.Cmd {
	m := d.Common
	set := func(value string, c *tracing.Config) {
		h := secret.Header{Name: name, Value: strings.Trim(value, " \t")}
		if i < 0 {
			c.Headers = append(c.Headers, h)
		} else {
			c.Headers[i] = h
		}
	}
	return m.Ask(component.PromptSpec{
		Secret: !m.Reveal,
		Title:  fmt.Sprintf("Value of %s (masked on screen unless revealed with %s)", name, component.KeyName(m.Keys.Reveal)),
		Check: func(s string) (string, string) {
			cfg := m.Session.Config()
			set(s, &cfg)
			if err := cfg.Validate(); err != nil {
				return "", err.Error()
			}
			return "", ""
		},
		Accept: func(s string) (tea.Cmd, error) {
			if err := m.Session.Reconfigure(func(c *tracing.Config) { set(s, c) }); err != nil {
				return nil, err
			}
			m.Say("Header %s set: every POST from now carries it (value masked).", name)
			return d.reopen(), nil
		},
		Cancelled: func() { m.Say("Header %s unchanged.", name); d.reopen() },
	})
}

func (d *optionsDialog) removeHeader(i int) tea.Cmd {
	m := d.Common
	hs := m.Session.Config().Headers
	if i >= len(hs) {
		return nil
	}
	name := hs[i].Name
	err := m.Session.Reconfigure(func(c *tracing.Config) { c.Headers = append(c.Headers[:i], c.Headers[i+1:]...) })
	if err != nil {
		m.SayError(err.Error())
		return nil
	}
	m.Say("Header %s removed: the next POST goes without it (its old value stays masked).", name)
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// NewOptions is O, which says how to use it.
func NewOptions(c *component.Common) component.Dialog {
	c.Say("Options: {Accept} changes the selected setting; {Cancel} closes.")
	return &optionsDialog{PaneBase: component.PaneBase{Common: c}}
}
