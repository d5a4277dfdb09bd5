package ui

import (
	"errors"
	"fmt"
	"strings"

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
	paneBase
	cursor int
	closed bool
}

// newOptions is O, which says how to use it.
func newOptions(c *common) dialog {
	c.say("Options: {Accept} changes the selected setting; {Cancel} closes.")
	return &optionsDialog{paneBase: paneBase{common: c}}
}

// reopen brings the options back after a prompt or list they opened.
func (d *optionsDialog) reopen() tea.Cmd {
	d.closed = false
	d.open(d)
	return nil
}

// Title names the dialog.
func (d *optionsDialog) Title() string { return "Options — each is also a flag; changes apply now" }

// Closed says the dialog was left.
func (d *optionsDialog) Closed() bool { return d.closed }

// Update moves the cursor; enter changes the setting, d removes a header,
// esc and ctrl+c close.
func (d *optionsDialog) Update(msg tea.Msg) (component, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	rows := optionRows(d.common)
	d.cursor = min(d.cursor, len(rows)-1)
	row := rows[d.cursor]
	switch {
	case key.Matches(km, d.keys.Cancel), key.Matches(km, d.keys.Close):
		d.closed = true
		d.say("Options closed.")
	case key.Matches(km, d.keys.Accept):
		d.closed = true // the row's dialog takes the slot, and brings the options back
		if row.set != nil {
			return d, d.optionPrompt(row)
		}
		return d, row.act(d)
	case key.Matches(km, d.keys.Remove):
		if row.remove == nil {
			d.sayError(keyName(d.keys.Remove) + " removes a header; " + row.name + " is not one")
			return d, nil
		}
		return d, row.remove(d)
	default:
		d.cursor = navigate(d.keys, km, d.cursor, 5, len(rows)-1)
	}
	return d, nil
}

// ShortHelp is the dialog's keys.
func (d *optionsDialog) ShortHelp() []key.Binding {
	return []key.Binding{both(d.keys.Up, d.keys.Down, "choose"), as(d.keys.Accept, "changes"), d.keys.Remove, as(d.keys.Cancel, "closes")}
}

// FullHelp is the dialog's keys.
func (d *optionsDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.Accept, d.keys.Remove, d.keys.Cancel, d.keys.PageUp, d.keys.PageDown, d.keys.Top, d.keys.Bottom, d.keys.Close}}
}

// View draws the rows (name and value), the selected one marked, and what
// the selected setting does and its flag, wrapped; a value too long for its
// row is given whole there too. Rows scroll when the screen is short.
func (d *optionsDialog) View() string {
	st := d.styles
	m := d.common
	inner := max(10, d.width-4)
	rows := optionRows(m)
	d.cursor = min(d.cursor, len(rows)-1)
	const nameW = 20
	rowText := func(r optionRow) string {
		v := r.value(m)
		if !m.reveal {
			v = m.session.Masker().Mask(v)
		}
		return fmt.Sprintf("%-*s %s", nameW, r.name, v)
	}
	sel := rows[d.cursor]
	about := sel.about + " (" + sel.flag + ")"
	if w := lipgloss.Width(rowText(sel)) + 2; w > inner {
		about = "value: " + strings.TrimSpace(rowText(sel)[nameW:]) + " — " + about
	}
	aboutLines := dialogWrap(st.Dim, about, inner)
	room := max(1, d.height-8-len(aboutLines)) // top bar (2), status, help, box (2), title, footer
	first := max(0, min(d.cursor-room/2, len(rows)-room))
	lines := []string{st.Status.Render(d.Title())}
	for i := first; i < min(len(rows), first+room); i++ {
		if i == d.cursor {
			lines = append(lines, st.Selected.Render(fitLine("▶ "+rowText(rows[i]), inner)))
			continue
		}
		lines = append(lines, fitLine("  "+rowText(rows[i]), inner))
	}
	lines = append(lines, aboutLines...)
	lines = append(lines, st.Dim.Render(fitLine(keyHelp(d.ShortHelp()...), inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// optionPrompt asks for a row's new value: the current value is the
// placeholder (enter on nothing keeps it); the text is checked as it is
// typed, with the flag's validation.
func (d *optionsDialog) optionPrompt(row optionRow) tea.Cmd {
	m := d.common
	current := row.value(m)
	check := func(s string) (string, string) {
		if strings.TrimSpace(s) == "" {
			return keyName(m.keys.Accept) + " keeps " + current, ""
		}
		cfg := m.session.Config()
		if err := row.set(&cfg, s); err != nil {
			return "", err.Error()
		}
		if err := cfg.Validate(); err != nil {
			return "", err.Error()
		}
		return "", ""
	}
	return m.ask(promptSpec{
		title:       fmt.Sprintf("%s (%s) — %s", row.name, row.flag, row.about),
		placeholder: current, check: check, ownsEmpty: true,
		accept: func(s string) (tea.Cmd, error) {
			if strings.TrimSpace(s) == "" {
				m.say("%s unchanged: %s.", capitalize(row.name), current)
				return d.reopen(), nil
			}
			var parseErr error
			err := m.session.Reconfigure(func(c *tracing.Config) { parseErr = row.set(c, s) })
			if parseErr != nil {
				return nil, parseErr
			}
			if err != nil {
				return nil, err
			}
			m.say("%s: %s → %s (%s).", capitalize(row.name), current, row.value(m), row.about)
			return d.reopen(), nil
		},
		cancelled: func() { m.say("%s unchanged.", capitalize(row.name)); d.reopen() },
	})
}

// chooseSetting lists a setting's choices; one the session refuses (the
// endpoint's path does not take an encoding) is refused in the list with
// the flag's error.
func (d *optionsDialog) chooseSetting(s settings.Setting) tea.Cmd {
	m := d.common
	current := s.Value(m.liveConfig())
	items := make([]listItem, len(s.Choices))
	list := &listDialog{paneBase: paneBase{common: m}, title: fmt.Sprintf("%s (--%s)", capitalize(s.Name), s.Flag), items: items,
		accept: func(i int) (tea.Cmd, error) {
			var parseErr error
			err := m.session.Reconfigure(func(c *tracing.Config) { parseErr = s.Parse(c, s.Choices[i].Value) })
			if err = errors.Join(parseErr, err); err != nil {
				return nil, err
			}
			m.say("%s: %s → %s (%s).", capitalize(s.Name), current, s.Value(m.liveConfig()), s.Choices[i].Note)
			return d.reopen(), nil
		},
		cancel: func() { m.say("%s unchanged: %s.", capitalize(s.Name), current); d.reopen() },
	}
	for i, c := range s.Choices {
		items[i] = listItem{label: c.Value, note: c.Note}
		if c.Value == current {
			list.cursor = i
		}
	}
	m.open(list)
	return nil
}

// headerNamePrompt asks for a new header's name, then its value.
func (d *optionsDialog) headerNamePrompt() tea.Cmd {
	m := d.common
	return m.ask(promptSpec{
		title: "New header on every POST (--header) — its name", placeholder: "Authorization",
		check: func(s string) (string, string) {
			if strings.TrimSpace(s) == "" {
				return "", ""
			}
			if err := tracing.ValidateHeader(secret.Header{Name: strings.TrimSpace(s)}); err != nil {
				return "", err.Error()
			}
			return "", ""
		},
		accept: func(s string) (tea.Cmd, error) {
			name := strings.TrimSpace(s)
			if name == "" {
				name = "Authorization"
			}
			return d.headerValuePrompt(name, -1), nil
		},
		cancelled: func() { m.say("No header added."); d.reopen() },
	})
}

// headerValuePrompt asks for the value of header name (i is its index, -1
// for a new one). The value is hidden as it is typed unless secrets are
// revealed: it is a secret.
func (d *optionsDialog) headerValuePrompt(name string, i int) tea.Cmd {
	m := d.common
	set := func(value string, c *tracing.Config) {
		h := secret.Header{Name: name, Value: strings.Trim(value, " \t")}
		if i < 0 {
			c.Headers = append(c.Headers, h)
		} else {
			c.Headers[i] = h
		}
	}
	return m.ask(promptSpec{
		secret: !m.reveal,
		title:  fmt.Sprintf("Value of %s (masked on screen unless revealed with %s)", name, keyName(m.keys.Reveal)),
		check: func(s string) (string, string) {
			cfg := m.session.Config()
			set(s, &cfg)
			if err := cfg.Validate(); err != nil {
				return "", err.Error()
			}
			return "", ""
		},
		accept: func(s string) (tea.Cmd, error) {
			if err := m.session.Reconfigure(func(c *tracing.Config) { set(s, c) }); err != nil {
				return nil, err
			}
			m.say("Header %s set: every POST from now carries it (value masked).", name)
			return d.reopen(), nil
		},
		cancelled: func() { m.say("Header %s unchanged.", name); d.reopen() },
	})
}

func (d *optionsDialog) removeHeader(i int) tea.Cmd {
	m := d.common
	hs := m.session.Config().Headers
	if i >= len(hs) {
		return nil
	}
	name := hs[i].Name
	err := m.session.Reconfigure(func(c *tracing.Config) { c.Headers = append(c.Headers[:i], c.Headers[i+1:]...) })
	if err != nil {
		m.sayError(err.Error())
		return nil
	}
	m.say("Header %s removed: the next POST goes without it (its old value stays masked).", name)
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
