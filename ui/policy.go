package ui

import (
	"fmt"
	"reflect"
	"zipkin-playground/ui/pane"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"zipkin-playground/ui/component"
)

// Option adjusts a Model as it is built.
type Option func(*Model)

// WithPolicy restricts what the person at the keys may do (a fact of the
// screen every component shares).
func WithPolicy(p Policy) Option { return func(m *Model) { m.common.Policy = p } }

// WithRenderer draws with r: over SSH each attendee has their own terminal,
// so their colour profile and background are theirs, not the server's.
func WithRenderer(r *lipgloss.Renderer) Option {
	return func(m *Model) { *m.common.Styles = stylesFor(r, *m.common.Styles) }
}

// stylesFor is st drawn by renderer r.
func stylesFor(r *lipgloss.Renderer, st component.Styles) component.Styles {
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
func restricted(p Policy, groups []actionGroup, k *component.KeyMap) []actionGroup {
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
				g.actions[i].why = spanBudget(p, a.why)
			}
		}
	}
	return groups
}

// spanBudget puts the span limit in front of an action's own reason.
func spanBudget(p Policy, own func(*Model) string) func(*Model) string {
	return func(m *Model) string {
		if n := m.common.Session.Tree().Len(); n >= p.MaxSpans {
			return fmt.Sprintf("you have built %d spans, the limit per attendee of this workshop (its span budget shared fairly)", n)
		}
		if own == nil {
			return ""
		}
		return own(m)
	}
}

// Progress counts the spans built, delivered and verified.
func (m *Model) Progress() Progress { return m.common.Progress() }

// AskBeforeQuit has q and ctrl+c ask first whenever reason returns a
// sentence: a workshop's presenter quitting ends every attendee's session.
func (m *Model) AskBeforeQuit(reason func() string) { m.quitter.AskFirst(reason) }

// Lessons is how many lessons the guided tour has (none if they do not load).
func Lessons() int {
	ls, _ := pane.BuiltinLessons()
	return len(ls)
}

// GotoLesson opens the guided tour at lesson n (1-based, clamped): the
// presenter moves everyone to the same lesson; L or esc still leaves it. An
// open dialog or help closes into the tour. It is laid out for this
// lesson's text and status at once: it comes from outside Update.
func (m *Model) GotoLesson(n int) {
	m.lesson.Open(n - 1)
	m.carryOut()
	m.screen.resize(m.status)
}
