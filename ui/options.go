package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// optionsDialog is O: every setting that is a flag, changed in the running
// session with the flag's own validation (a dialog). Changing a value opens
// a prompt or a list; when that closes, the options come back.
type optionsDialog struct {
	paneBase
	root   *Model
	cursor int
	closed bool
}

// openOptions is O.
func (m *Model) openOptions() tea.Cmd {
	m.openDialog(&optionsDialog{paneBase: paneBase{common: m.common}, root: m}, modeDialog)
	m.setStatus("Options: enter changes the selected setting; esc closes.")
	return nil
}

// reopen brings the options back after a prompt or list they opened.
func (m *Model) reopen(d *optionsDialog) tea.Cmd {
	d.closed = false
	m.openDialog(d, modeDialog)
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
	rows := optionRows(d.root)
	d.cursor = min(d.cursor, len(rows)-1)
	row := rows[d.cursor]
	switch {
	case key.Matches(km, d.keys.Cancel), key.Matches(km, d.keys.Close):
		d.closed = true
		d.root.setStatus("Options closed.")
	case key.Matches(km, d.keys.Accept):
		d.closed = true // the row's dialog takes the slot, and brings the options back
		if row.set != nil {
			return d, d.root.optionPrompt(d, row)
		}
		return d, row.act(d.root, d)
	case key.Matches(km, d.keys.Remove):
		if row.remove == nil {
			d.root.setErrorText("d removes a header; " + row.name + " is not one")
			return d, nil
		}
		return d, row.remove(d.root)
	default:
		d.cursor = navigate(d.keys, km, d.cursor, 5, len(rows)-1)
	}
	return d, nil
}

// ShortHelp is the dialog's keys.
func (d *optionsDialog) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Up, d.keys.Down, d.keys.Accept, d.keys.Remove, d.keys.Cancel}
}

// FullHelp is the dialog's keys.
func (d *optionsDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(d.ShortHelp(), d.keys.PageUp, d.keys.PageDown, d.keys.Top, d.keys.Bottom, d.keys.Close)}
}

// View draws the rows (name and value), the selected one marked, and what
// the selected setting does and its flag, wrapped; a value too long for its
// row is given whole there too. Rows scroll when the screen is short.
func (d *optionsDialog) View() string {
	st := d.styles
	m := d.root
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
	lines = append(lines, st.Dim.Render(fitLine("↑/↓ choose · enter changes · d removes a header · esc closes", inner)))
	return st.Prompt.Render(strings.Join(lines, "\n"))
}

// optionPrompt asks for a row's new value: the current value is the
// placeholder (enter on nothing keeps it); the text is checked as it is
// typed, with the flag's validation.
func (m *Model) optionPrompt(d *optionsDialog, row optionRow) tea.Cmd {
	current := row.value(m)
	check := func(s string) (string, string) {
		if strings.TrimSpace(s) == "" {
			return "enter keeps " + current, ""
		}
		cfg := m.session.Config()
		if err := row.set(s, &cfg); err != nil {
			return "", err.Error()
		}
		if err := cfg.Validate(); err != nil {
			return "", err.Error()
		}
		return "", ""
	}
	return m.openPrompt(promptSpec{
		title:       fmt.Sprintf("%s (%s) — %s", row.name, row.flag, row.about),
		placeholder: current, check: check, ownsEmpty: true,
		accept: func(s string) (tea.Cmd, error) {
			if strings.TrimSpace(s) == "" {
				m.setStatus("%s unchanged: %s.", capitalize(row.name), current)
				return m.reopen(d), nil
			}
			var parseErr error
			err := m.session.Reconfigure(func(c *tracing.Config) { parseErr = row.set(s, c) })
			if parseErr != nil {
				return nil, parseErr
			}
			if err != nil {
				return nil, err
			}
			m.setStatus("%s: %s → %s (%s).", capitalize(row.name), current, row.value(m), row.about)
			return m.reopen(d), nil
		},
		cancelled: func() { m.setStatus("%s unchanged.", capitalize(row.name)); m.reopen(d) },
	})
}

// chooseEncoding lists the encodings; one the endpoint's path does not take
// is refused in the list with the flag's error.
func (m *Model) chooseEncoding(d *optionsDialog) tea.Cmd {
	encs := []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto, outbox.EncodingV1}
	notes := []string{"Zipkin v2 JSON (zipkin-go's JSON serializer)", "Zipkin v2 proto3 (zipkin-go's proto3 serializer; binary)",
		"Zipkin v1 JSON, for /api/v1/spans"}
	items := make([]listItem, len(encs))
	current := m.session.Outbox().Encoding()
	list := &listDialog{paneBase: paneBase{common: m.common}, title: "Encoding of the next flush (--encoding)", items: items,
		accept: func(i int) (tea.Cmd, error) {
			if err := m.session.Reconfigure(func(c *tracing.Config) { c.Encoding = encs[i] }); err != nil {
				return nil, err
			}
			m.setStatus("Encoding: %s → %s; the next flush sends %s.", current, encs[i], notes[i])
			return m.reopen(d), nil
		},
		cancel: func() { m.setStatus("Encoding unchanged: %s.", current); m.reopen(d) },
	}
	for i, e := range encs {
		items[i] = listItem{label: string(e), note: notes[i]}
		if e == current {
			list.cursor = i
		}
	}
	m.openDialog(list, modeDialog)
	return nil
}

func (m *Model) toggleTraceID128(d *optionsDialog) tea.Cmd {
	on := !m.session.Config().TraceID128
	if err := m.session.Reconfigure(func(c *tracing.Config) { c.TraceID128 = on }); err != nil {
		m.setError(err)
		return m.reopen(d)
	}
	if on {
		m.setStatus("128-bit trace IDs: on — traces started from now have 32-hex-digit IDs; running ones keep theirs.")
	} else {
		m.setStatus("128-bit trace IDs: off — traces started from now have 16-hex-digit IDs; running ones keep theirs.")
	}
	return m.reopen(d)
}

// headerNamePrompt asks for a new header's name, then its value.
func (m *Model) headerNamePrompt(d *optionsDialog) tea.Cmd {
	return m.openPrompt(promptSpec{
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
			return m.headerValuePrompt(d, name, -1), nil
		},
		cancelled: func() { m.setStatus("No header added."); m.reopen(d) },
	})
}

// headerValuePrompt asks for the value of header name (i is its index, -1
// for a new one). The value is hidden as it is typed unless secrets are
// revealed: it is a secret.
func (m *Model) headerValuePrompt(d *optionsDialog, name string, i int) tea.Cmd {
	set := func(value string, c *tracing.Config) {
		h := secret.Header{Name: name, Value: strings.Trim(value, " \t")}
		if i < 0 {
			c.Headers = append(c.Headers, h)
		} else {
			c.Headers[i] = h
		}
	}
	cmd := m.openPrompt(promptSpec{
		title: fmt.Sprintf("Value of %s (masked on screen unless revealed with v)", name),
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
			m.setStatus("Header %s set: every POST from now carries it (value masked).", name)
			return m.reopen(d), nil
		},
		cancelled: func() { m.setStatus("Header %s unchanged.", name); m.reopen(d) },
	})
	if p, ok := m.dialog.(*prompt); ok && !m.reveal {
		p.input.EchoMode = textinput.EchoPassword
		p.input.EchoCharacter = '*'
	}
	return cmd
}

func (m *Model) removeHeader(i int) tea.Cmd {
	hs := m.session.Config().Headers
	if i >= len(hs) {
		return nil
	}
	name := hs[i].Name
	err := m.session.Reconfigure(func(c *tracing.Config) { c.Headers = append(c.Headers[:i], c.Headers[i+1:]...) })
	if err != nil {
		m.setError(err)
		return nil
	}
	m.setStatus("Header %s removed: the next POST goes without it (its old value stays masked).", name)
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
