package pane

import (
	"context"
	"fmt"
	"strings"
	"time"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

const maxLogEntries = 1000

// logEntry is one thing the log shows, kept raw and drawn at view time, so
// that v hiding secrets again re-masks what is already on screen.
type logEntry struct {
	Result *outbox.DeliveryResult // a batch's answer
	// note is our own text (a flush started, an export's curl command),
	// which may hold the endpoint or header values in clear; masker is the
	// one in force when it was written, which knows those secrets.
	note   string
	masker *secret.Masker
	// wait is set on a failed attempt that will be retried: how long the
	// batch waits, and of how many attempts it may take.
	wait time.Duration
	of   int
}

// DeliveryLog is one entry per POST (time, spans, bytes, status, latency,
// server message, hint), a spinner while a flush runs, and notes. Long
// entries wrap. It owns the running flush: its results stream here, and
// whether a flush runs is known only here (cancel is set while it does).
type DeliveryLog struct {
	component.PaneBase
	Entries   []logEntry
	scroll    int // lines scrolled up from the bottom
	spinner   spinner.Model
	cancel    context.CancelFunc // non-nil while a flush runs
	cancelled bool               // the running (or last) flush was cancelled
	done      int                // batches answered in the running flush
	// hidden says a result holds a secret of its own, masked (a redirect's
	// target with a token in it): v has something to reveal.
	hidden bool
}

// Flushing says whether a flush runs.
func (l *DeliveryLog) Flushing() bool { return l.cancel != nil }

// Cancelled says the running (or last) flush was cancelled.
func (l *DeliveryLog) Cancelled() bool { return l.cancelled }

// Add appends a note. It may hold secrets in clear: the session's current
// masker hides them whenever secrets are not revealed.
func (l *DeliveryLog) Add(note string) {
	l.push(logEntry{note: note, masker: l.Session.Masker()})
}

// addResult logs one batch.
func (l *DeliveryLog) addResult(r outbox.DeliveryResult) {
	l.hidden = l.hidden || r.RedirectTo != "" && secret.MaskURL(r.RedirectTo) != r.RedirectTo
	l.push(logEntry{Result: &r})
	l.done++
}

func (l *DeliveryLog) push(e logEntry) {
	l.Entries = append(l.Entries, e)
	if over := len(l.Entries) - maxLogEntries; over > 0 {
		l.Entries = append([]logEntry(nil), l.Entries[over:]...)
	}
	l.scroll = 0
}

// Render draws one entry as it is to be seen now: masked unless revealed.
func (l *DeliveryLog) Render(e logEntry) string {
	if e.Result == nil {
		if l.Reveal {
			return e.note
		}
		return e.masker.Mask(e.note)
	}
	r, st := e.Result, l.Styles
	status := st.OK.Render(fmt.Sprintf("HTTP %d", r.Status))
	switch {
	case r.Status == 0:
		status = st.Bad.Render("no answer")
	case !r.OK():
		status = st.Bad.Render(fmt.Sprintf("HTTP %d", r.Status))
	}
	line := fmt.Sprintf("%s  batch %d/%d  %s  %d B  %s  %s",
		r.At.Format("15:04:05"), r.Batch, r.Batches, component.Plural(r.Spans, "span"), r.Bytes, status, component.ShortDur(r.Latency))
	if r.Attempts > 1 && e.wait == 0 {
		line += fmt.Sprintf("  attempt %d", r.Attempts)
	}
	// The outbox masked the error and the message when it made them.
	if r.Err != nil {
		line += "  " + st.Bad.Render(component.Safe(r.Err.Error()))
	} else if r.Class == outbox.ClassNotCollector { // its HTML says nothing; the hint does
		line += "  " + st.Bad.Render("a web page")
	} else if r.Message != "" && !r.OK() {
		line += "  " + st.Bad.Render(`"`+component.Safe(strings.Join(strings.Fields(r.Message), " "))+`"`)
	}
	if e.wait > 0 {
		why := "backoff"
		if r.RetryAfter > 0 && e.wait <= r.RetryAfter {
			why = "Retry-After"
		}
		return line + "  " + st.Hint.Render(fmt.Sprintf("waiting %s (%s), attempt %d of %d", component.ShortDur(e.wait), why, r.Attempts+1, e.of))
	}
	if r.Hint != "" && !r.OK() {
		shown := *r
		if l.Reveal && r.RedirectTo != "" { // the hint was masked when made
			shown.Hint = outbox.RedirectHint(component.Safe(r.RedirectTo))
		}
		line += "\n" + st.Hint.Render("→ "+component.KeyText(l.Keys, dialog.HintWithKeys(shown)))
	}
	return line
}

// lastResult is the newest batch's line (its hint on a second line), ""
// before any POST.
func (l *DeliveryLog) lastResult() string {
	for i := len(l.Entries) - 1; i >= 0; i-- {
		if l.Entries[i].Result != nil {
			return l.Render(l.Entries[i])
		}
	}
	return ""
}

// Lines is the wrapped lines of the newest entries, enough for want lines
// (all of them when want < 0), oldest first.
func (l *DeliveryLog) Lines(want int) []string {
	var rev [][]string
	n := 0
	for i := len(l.Entries) - 1; i >= 0 && (want < 0 || n < want); i-- {
		var ls []string
		for _, part := range strings.Split(l.Render(l.Entries[i]), "\n") {
			ls = append(ls, component.Wrap(part, l.Width)...)
		}
		rev = append(rev, ls)
		n += len(ls)
	}
	out := make([]string, 0, n)
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i]...)
	}
	return out
}

// start runs flush (a command streaming FlushResultMsg then FlushDoneMsg)
// with a context this pane can cancel; it returns the commands to run.
func (l *DeliveryLog) start(flush func(context.Context) tea.Cmd) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel, l.cancelled, l.done = cancel, false, 0
	return tea.Batch(l.spinner.Tick, flush(ctx))
}

// Cancel stops the running flush: batches not answered yet stay queued. It
// reports whether a flush was running.
func (l *DeliveryLog) Cancel() bool {
	if l.cancel == nil {
		return false
	}
	l.cancel()
	l.cancelled = true
	return true
}

// Update streams a flush's results, animates the spinner and scrolls.
func (l *DeliveryLog) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case component.FlushResultMsg:
		l.addResult(msg.Result)
		return l, component.WaitFor(msg.Next)
	case component.FlushRetryMsg:
		l.push(logEntry{Result: &msg.Failed, wait: msg.Wait, of: msg.Of})
		return l, component.WaitFor(msg.Next)
	case component.FlushDoneMsg:
		if l.cancel != nil {
			l.cancel() // release the context
			l.cancel = nil
		}
	case spinner.TickMsg:
		if !l.Flushing() {
			return l, nil
		}
		var cmd tea.Cmd
		l.spinner, cmd = l.spinner.Update(msg)
		return l, cmd
	case tea.KeyMsg:
		// Only a key in the focused log measures every entry.
		maxScroll := max(0, len(l.Lines(-1))-l.Height)
		l.scroll = maxScroll - component.Navigate(l.Keys, msg, maxScroll-min(l.scroll, maxScroll), l.Height, maxScroll)
	}
	return l, nil
}

// ShortHelp is the movement keys.
func (l *DeliveryLog) ShortHelp() []key.Binding { return component.NavKeys(l.Keys) }

// FullHelp is the movement keys.
func (l *DeliveryLog) FullHelp() [][]key.Binding { return [][]key.Binding{component.NavKeys(l.Keys)} }

// Title names the pane, with progress while flushing.
func (l *DeliveryLog) Title() string {
	t := "Delivery log"
	if l.Flushing() {
		t = fmt.Sprintf("Delivery log %s flushing… %s answered (%s cancels)", l.spinner.View(), component.Plural(l.done, "batch"), component.KeyName(l.Keys.StopFlush))
	}
	if l.scroll > 0 {
		t += fmt.Sprintf(" · %s below (%s)", component.Plural(l.scroll, "line"), component.KeyName(l.Keys.Bottom))
	}
	return t
}

// View shows the newest lines that fit, or older ones when scrolled.
func (l *DeliveryLog) View() string {
	if len(l.Entries) == 0 {
		return l.Styles.Dim.Render("One line per POST appears here when you flush (" + component.KeyName(l.Keys.Flush) + ").")
	}
	lines := l.Lines(l.scroll + l.Height)
	end := max(0, len(lines)-l.scroll)
	start := max(0, end-l.Height)
	return strings.Join(lines[start:end], "\n")
}

// NewDeliveryLog is the delivery log, empty, its spinner the dot.
func NewDeliveryLog(c *component.Common) *DeliveryLog {
	return &DeliveryLog{PaneBase: component.PaneBase{Common: c}, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// HidesASecret says a logged result holds a secret of its own, masked (a
// redirect's target): r has something to reveal even without a token.
func (l *DeliveryLog) HidesASecret() bool { return l.hidden }
