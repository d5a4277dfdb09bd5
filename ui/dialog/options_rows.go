package dialog

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/settings"
)

// optionRow is one line of the options dialog: a setting of the table
// (ui/settings), its value as shown now, and what enter does. A row with set
// opens a prompt whose text set parses into a configuration with the flag's
// own parser (the range and form are checked by tracing.Config.Validate, as
// for the flag). A row with act does it at once (a toggle, a list, another
// key's dialog).
type optionRow struct {
	name, flag string
	about      string // what it is, and from when a change applies
	value      func(*component.Common) string
	set        func(c *tracing.Config, text string) error
	act        func(*optionsDialog) tea.Cmd
	remove     func(*optionsDialog) tea.Cmd // headers only
}

// optionRows are the rows, in the table's order: the settings O changes
// itself, then those another key changes, then those fixed at start.
func optionRows(m *component.Common) []optionRow {
	var own, byKey, fixed []optionRow
	for _, s := range settings.Table() {
		row := optionRow{name: s.Name, flag: "--" + s.Flag, about: s.About,
			value: func(c *component.Common) string { return s.Value(c.LiveConfig()) }}
		switch s.Edit {
		case settings.Prompt:
			row.set = s.Parse
		case settings.Toggle:
			row.act = func(d *optionsDialog) tea.Cmd { return d.toggleSetting(s) }
		case settings.Choose:
			row.act = func(d *optionsDialog) tea.Cmd { return d.chooseSetting(s) }
		case settings.Repeat:
			own = append(own, headerRows(m, s)...)
			continue
		case settings.OwnKey:
			b, ok := settingKeys(m.Keys)[s.Flag]
			if !ok {
				continue // a key not bound yet: TestEverySettingIsInOptions fails
			}
			row.about = b.Help().Key + ": " + s.About
			row.act = func(d *optionsDialog) tea.Cmd { return d.runSettingKey(b) }
			byKey = append(byKey, row)
			continue
		case settings.Fixed:
			row.about = s.About + "; fixed at start (restart with " + row.flag + " to change it)"
			row.act = func(d *optionsDialog) tea.Cmd {
				d.SayError(s.Name + " is fixed when the playground starts: restart with " + row.flag)
				return d.reopen()
			}
			fixed = append(fixed, row)
			continue
		default:
			continue // the TUI does not take the flag
		}
		own = append(own, row)
	}
	return restrictRows(m.Policy, append(append(own, byKey...), fixed...))
}

// settingKeys are the keys that change the settings O lists as OwnKey.
func settingKeys(k *component.KeyMap) map[string]*key.Binding {
	return map[string]*key.Binding{"endpoint": &k.Endpoint, "sampler": &k.Sampler, "b3": &k.B3, "reveal-secrets": &k.Reveal}
}

// headerRows are one row per extra header (value masked unless revealed;
// enter changes it, d removes it) and one to add a header.
func headerRows(m *component.Common, s settings.Setting) []optionRow {
	var rows []optionRow
	flag := "--" + s.Flag
	for i, h := range m.Session.Config().Headers {
		rows = append(rows, optionRow{
			name: "header " + h.Name, flag: flag,
			value: func(m *component.Common) string {
				if m.Reveal {
					return h.Value
				}
				return secret.MaskText
			},
			act:    func(d *optionsDialog) tea.Cmd { return d.headerValuePrompt(h.Name, i) },
			remove: func(d *optionsDialog) tea.Cmd { return d.removeHeader(i) },
			about:  fmt.Sprintf("%s; %s changes the value, %s removes the header", s.About, m.Keys.Accept.Help().Key, m.Keys.Remove.Help().Key),
		})
	}
	return append(rows, optionRow{name: "+ add a " + s.Name, flag: flag, value: func(*component.Common) string { return "" },
		act: (*optionsDialog).headerNamePrompt, about: "an extra header (e.g. Authorization): " + s.About})
}

// toggleSetting flips a switch of the table in the running session.
func (d *optionsDialog) toggleSetting(s settings.Setting) tea.Cmd {
	before := s.Value(d.LiveConfig())
	on := strconv.FormatBool(before != settings.OnOff(true))
	if err := d.Session.Reconfigure(func(c *tracing.Config) { _ = s.Parse(c, on) }); err != nil {
		d.SayError(err.Error())
		return d.reopen()
	}
	d.Say("%s: %s → %s (%s).", capitalize(s.Name), before, s.Value(d.LiveConfig()), s.About)
	return d.reopen()
}

// runSettingKey runs the key that changes a setting; O comes back unless the
// key opened a dialog of its own.
func (d *optionsDialog) runSettingKey(b *key.Binding) tea.Cmd {
	d.Send(component.RunKeyMsg{B: b, Otherwise: func() { d.reopen() }})
	return nil
}

// defaultConfig is tracing.DefaultConfig, made once: it lists the network
// interfaces (the default IP), which a frame must not do.
var defaultConfig = sync.OnceValue(tracing.DefaultConfig)

// NonDefaultSettings names, briefly, each setting that differs from its
// default (the top bar shows them; the endpoint, sampler, encoding and B3
// view have their own place there).
func NonDefaultSettings(cfg tracing.Config) []string {
	return settings.Changed(cfg, defaultConfig())
}

// restrictRows replaces the locked option rows with rows that say why.
func restrictRows(p component.Policy, rows []optionRow) []optionRow {
	if p.Locked == "" {
		return rows
	}
	reason := p.Locked
	out := rows[:0:0]
	for _, r := range rows {
		if s, ok := settings.Lookup(strings.TrimPrefix(r.flag, "--")); !ok || !s.Locked {
			out = append(out, r)
			continue
		}
		if r.name == "+ add a header" {
			continue
		}
		out = append(out, optionRow{name: r.name, flag: r.flag, about: reason,
			value: func(*component.Common) string { return reason },
			act: func(d *optionsDialog) tea.Cmd {
				d.SayError(r.name + ": " + reason)
				return d.reopen()
			}})
	}
	return out
}
