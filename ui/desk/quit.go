package desk

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	tea "github.com/charmbracelet/bubbletea"
)

// Quitter is q and ctrl+c: it leaves at once when nothing would be lost,
// else asks. A running flush never holds the exit up: leaving cancels it.
type Quitter struct {
	*component.Common
	cancelFlush func() bool // stops a running flush (false when none ran)
	// reason is why q asks first besides undelivered spans ("" for none):
	// a workshop's presenter quitting ends every attendee's session.
	reason func() string
}

// Quit leaves, or asks first when spans are undelivered or reason says so.
func (q *Quitter) Quit() tea.Cmd {
	var why []string
	stay := "Not quitting."
	if n := q.undelivered(); n > 0 {
		why = append(why, component.Plural(n, "span")+" not delivered")
		stay += " " + component.KeyName(q.Keys.Flush) + " flushes what is queued."
	}
	if q.reason != nil {
		if r := q.reason(); r != "" {
			why = append(why, r)
		}
	}
	if len(why) == 0 {
		return q.exit()
	}
	question := fmt.Sprintf("%s — quit anyway? (%s)", strings.Join(why, "; "), component.KeyName(component.Both(q.Keys.Yes, q.Keys.No, "")))
	q.Say("%s", question)
	q.Send(component.OpenDialogMsg{D: &dialog.Confirm{PaneBase: component.PaneBase{Common: q.Common}, Question: question, InterruptOK: true,
		Yes: q.exit,
		No: func() tea.Cmd {
			q.Say("%s", stay)
			return nil
		}}, Quit: true})
	return nil
}

// Interrupt is ctrl+c in browse: it cancels a running flush, then quits
// like q (asking when spans are undelivered).
func (q *Quitter) Interrupt() tea.Cmd {
	q.cancelFlush()
	return q.Quit()
}

// exit cancels a running flush and ends the program.
func (q *Quitter) exit() tea.Cmd {
	q.cancelFlush()
	q.Send(component.QuitMsg{})
	return nil
}

// undelivered counts spans that would be lost on quit: queued, sending or
// failed in the outbox, and running sampled spans.
func (q *Quitter) undelivered() int {
	return q.Session.Outbox().Counts().Undelivered() + q.Session.Tree().RunningSampled()
}

// NewQuitter is q and ctrl+c; cancelFlush stops a flush under way (and
// says whether one was).
func NewQuitter(c *component.Common, cancelFlush func() bool) *Quitter {
	return &Quitter{Common: c, cancelFlush: cancelFlush}
}

// AskFirst makes q ask first whenever reason says why ("" lets it quit).
func (q *Quitter) AskFirst(reason func() string) { q.reason = reason }
