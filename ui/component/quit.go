package component

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// Quitter is q and ctrl+c: it leaves at once when nothing would be lost,
// else asks. A running flush never holds the exit up: leaving cancels it.
type Quitter struct {
	*Common
	CancelFlush func() bool // stops a running flush (false when none ran)
	// Reason is why q asks first besides undelivered spans ("" for none):
	// a workshop's presenter quitting ends every attendee's session.
	Reason func() string
}

// Quit leaves, or asks first when spans are undelivered or reason says so.
func (q *Quitter) Quit() tea.Cmd {
	var why []string
	stay := "Not quitting."
	if n := q.undelivered(); n > 0 {
		why = append(why, Plural(n, "span")+" not delivered")
		stay += " " + KeyName(q.Keys.Flush) + " flushes what is queued."
	}
	if q.Reason != nil {
		if r := q.Reason(); r != "" {
			why = append(why, r)
		}
	}
	if len(why) == 0 {
		return q.exit()
	}
	question := fmt.Sprintf("%s — quit anyway? (%s)", strings.Join(why, "; "), KeyName(Both(q.Keys.Yes, q.Keys.No, "")))
	q.Say("%s", question)
	q.Send(OpenDialogMsg{D: &Confirm{PaneBase: PaneBase{Common: q.Common}, question: question, interruptOK: true,
		yes: q.exit,
		no: func() tea.Cmd {
			q.Say("%s", stay)
			return nil
		}}, Quit: true})
	return nil
}

// Interrupt is ctrl+c in browse: it cancels a running flush, then quits
// like q (asking when spans are undelivered).
func (q *Quitter) Interrupt() tea.Cmd {
	q.CancelFlush()
	return q.Quit()
}

// exit cancels a running flush and ends the program.
func (q *Quitter) exit() tea.Cmd {
	q.CancelFlush()
	q.Send(QuitMsg{})
	return nil
}

// undelivered counts spans that would be lost on quit: queued, sending or
// failed in the outbox, and running sampled spans.
func (q *Quitter) undelivered() int {
	return q.Session.Outbox().Counts().Undelivered() + q.Session.Tree().RunningSampled()
}
