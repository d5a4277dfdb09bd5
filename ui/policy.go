package ui

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/tracing/verify"
	"zipkin-playground/ui/settings"
)

// Policy is what the person at the keys may not do. The zero Policy is the
// local playground: everything allowed. A workshop attendee plays on the
// presenter's machine, so the workshop locks the delivery settings (the
// presenter chose where every attendee's spans go, and its secrets must
// not be revealed) and the files (the presenter's disk is not theirs).
type Policy struct {
	// Locked, when set, is why the endpoint, query URL, TLS, headers,
	// service name and reveal cannot be changed (e.g. "set by the
	// workshop"): E, v and those option rows answer with it.
	Locked string
	// NoFiles, when set, is why w, x and "a file…" in o are off; the
	// built-in examples still open.
	NoFiles string
	// MaxSpans, when above 0, is how many spans the person may build: the
	// keys that start spans are refused past it, with the reason.
	MaxSpans int
}

// Option adjusts a Model as it is built.
type Option func(*Model)

// WithPolicy restricts what the person at the keys may do (a fact of the
// screen every component shares).
func WithPolicy(p Policy) Option { return func(m *Model) { m.policy = p } }

// WithRenderer draws with r: over SSH each attendee has their own terminal,
// so their colour profile and background are theirs, not the server's.
func WithRenderer(r *lipgloss.Renderer) Option {
	return func(m *Model) { *m.styles = stylesFor(r, *m.styles) }
}

// stylesFor is st drawn by renderer r.
func stylesFor(r *lipgloss.Renderer, st Styles) Styles {
	v := reflect.ValueOf(&st).Elem()
	styleType := reflect.TypeOf(lipgloss.Style{})
	for i := range v.NumField() {
		if f := v.Field(i); f.Type() == styleType && f.CanSet() {
			f.Set(reflect.ValueOf(f.Interface().(lipgloss.Style).Renderer(r)))
		}
	}
	return st
}

// restricted is the action table with the policy's reasons in front of the
// actions' own: a locked key stays in the help, dimmed with the reason.
func (p Policy) restricted(groups []actionGroup, k *KeyMap) []actionGroup {
	reasons := map[*key.Binding]string{}
	if p.Locked != "" {
		reasons[&k.Endpoint], reasons[&k.Reveal] = p.Locked, p.Locked
	}
	if p.NoFiles != "" {
		reasons[&k.Save], reasons[&k.Export] = p.NoFiles, p.NoFiles
	}
	starts := map[*key.Binding]bool{&k.NewTrace: true, &k.Child: true, &k.Debug: true, &k.Continue: true, &k.Load: true}
	for _, g := range groups {
		for i, a := range g.actions {
			if reason, ok := reasons[a.binding]; ok {
				g.actions[i].why = func(*Model) string { return reason }
			} else if p.MaxSpans > 0 && starts[a.binding] {
				g.actions[i].why = p.spanBudget(a.why)
			}
		}
	}
	return groups
}

// spanBudget puts the span limit in front of an action's own reason.
func (p Policy) spanBudget(own func(*Model) string) func(*Model) string {
	return func(m *Model) string {
		if n := m.session.Tree().Len(); n >= p.MaxSpans {
			return fmt.Sprintf("you have built %d spans, the limit per attendee of this workshop (its span budget shared fairly)", n)
		}
		if own == nil {
			return ""
		}
		return own(m)
	}
}

// restrictRows replaces the locked option rows with rows that say why.
func (p Policy) restrictRows(rows []optionRow) []optionRow {
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
			value: func(*common) string { return reason },
			act: func(d *optionsDialog) tea.Cmd {
				d.sayError(r.name + ": " + reason)
				return d.reopen()
			}})
	}
	return out
}

// Progress is what the model has done so far, for a workshop's board.
type Progress struct {
	// Spans built, delivered (2xx) and verified (read back intact).
	Spans, Delivered, Verified int
}

// Progress counts the spans built, delivered and verified.
func (m *Model) Progress() Progress { return m.progress() }

// progress counts the spans built, delivered and verified.
func (c *common) progress() Progress {
	p := Progress{Spans: c.session.Tree().Len(), Delivered: c.session.Outbox().Counts().Delivered}
	for _, v := range c.verify.checks {
		if v.State == verify.StateVerified {
			p.Verified++
		}
	}
	return p
}

// AskBeforeQuit has q and ctrl+c ask first whenever reason returns a
// sentence: a workshop's presenter quitting ends every attendee's session.
func (m *Model) AskBeforeQuit(reason func() string) { m.quitter.reason = reason }

// Lessons is how many lessons the guided tour has (none if they do not load).
func Lessons() int {
	ls, _ := builtinLessons()
	return len(ls)
}

// GotoLesson opens the guided tour at lesson n (1-based, clamped): the
// presenter moves everyone to the same lesson; L or esc still leaves it. An
// open dialog or help closes into the tour. It is laid out for this
// lesson's text and status at once: it comes from outside Update.
func (m *Model) GotoLesson(n int) {
	m.lesson.open(n - 1)
	m.carryOut()
	m.screen.resize(m.status)
}
