package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// quitter is q and ctrl+c: it leaves at once when nothing would be lost,
// else asks. A running flush never holds the exit up: leaving cancels it.
type quitter struct {
	*common
	cancelFlush func() bool // stops a running flush (false when none ran)
	// reason is why q asks first besides undelivered spans ("" for none):
	// a workshop's presenter quitting ends every attendee's session.
	reason func() string
}

// quitterOf is the quitter, for the actions it does.
func quitterOf(m *Model) *quitter { return m.quitter }

// quit leaves, or asks first when spans are undelivered or reason says so.
func (q *quitter) quit() tea.Cmd {
	var why []string
	stay := "Not quitting."
	if n := q.undelivered(); n > 0 {
		why = append(why, plural(n, "span")+" not delivered")
		stay += " " + keyName(q.keys.Flush) + " flushes what is queued."
	}
	if q.reason != nil {
		if r := q.reason(); r != "" {
			why = append(why, r)
		}
	}
	if len(why) == 0 {
		return q.exit()
	}
	question := fmt.Sprintf("%s — quit anyway? (%s)", strings.Join(why, "; "), keyName(both(q.keys.Yes, q.keys.No, "")))
	q.say("%s", question)
	q.send(openDialogMsg{d: &confirm{paneBase: paneBase{common: q.common}, question: question, interruptOK: true,
		yes: q.exit,
		no: func() tea.Cmd {
			q.say("%s", stay)
			return nil
		}}, quit: true})
	return nil
}

// interrupt is ctrl+c in browse: it cancels a running flush, then quits
// like q (asking when spans are undelivered).
func (q *quitter) interrupt() tea.Cmd {
	q.cancelFlush()
	return q.quit()
}

// exit cancels a running flush and ends the program.
func (q *quitter) exit() tea.Cmd {
	q.cancelFlush()
	q.send(quitMsg{})
	return nil
}

// undelivered counts spans that would be lost on quit: queued, sending or
// failed in the outbox, and running sampled spans.
func (q *quitter) undelivered() int {
	return q.session.Outbox().Counts().Undelivered() + q.session.Tree().RunningSampled()
}
