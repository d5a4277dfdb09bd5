package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	result *outbox.DeliveryResult // a batch's answer
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

// deliveryLog is one entry per POST (time, spans, bytes, status, latency,
// server message, hint), a spinner while a flush runs, and notes. Long
// entries wrap. It owns the running flush: its results stream here, and
// whether a flush runs is known only here (cancel is set while it does).
type deliveryLog struct {
	paneBase
	entries   []logEntry
	scroll    int // lines scrolled up from the bottom
	spinner   spinner.Model
	cancel    context.CancelFunc // non-nil while a flush runs
	cancelled bool               // the running (or last) flush was cancelled
	done      int                // batches answered in the running flush
	// hidden says a result holds a secret of its own, masked (a redirect's
	// target with a token in it): v has something to reveal.
	hidden bool
}

func newDeliveryLog(c *common) *deliveryLog {
	return &deliveryLog{paneBase: paneBase{common: c}, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// Flushing says whether a flush runs.
func (l *deliveryLog) Flushing() bool { return l.cancel != nil }

// Cancelled says the running (or last) flush was cancelled.
func (l *deliveryLog) Cancelled() bool { return l.cancelled }

// Add appends a note. It may hold secrets in clear: the session's current
// masker hides them whenever secrets are not revealed.
func (l *deliveryLog) Add(note string) {
	l.push(logEntry{note: note, masker: l.session.Masker()})
}

// AddResult logs one batch.
func (l *deliveryLog) AddResult(r outbox.DeliveryResult) {
	l.hidden = l.hidden || r.RedirectTo != "" && secret.MaskURL(r.RedirectTo) != r.RedirectTo
	l.push(logEntry{result: &r})
	l.done++
}

func (l *deliveryLog) push(e logEntry) {
	l.entries = append(l.entries, e)
	if over := len(l.entries) - maxLogEntries; over > 0 {
		l.entries = append([]logEntry(nil), l.entries[over:]...)
	}
	l.scroll = 0
}

// render draws one entry as it is to be seen now: masked unless revealed.
func (l *deliveryLog) render(e logEntry) string {
	if e.result == nil {
		if l.reveal {
			return e.note
		}
		return e.masker.Mask(e.note)
	}
	r, st := e.result, l.styles
	status := st.OK.Render(fmt.Sprintf("HTTP %d", r.Status))
	switch {
	case r.Status == 0:
		status = st.Bad.Render("no answer")
	case !r.OK():
		status = st.Bad.Render(fmt.Sprintf("HTTP %d", r.Status))
	}
	line := fmt.Sprintf("%s  batch %d/%d  %s  %d B  %s  %s",
		r.At.Format("15:04:05"), r.Batch, r.Batches, plural(r.Spans, "span"), r.Bytes, status, shortDur(r.Latency))
	if r.Attempts > 1 && e.wait == 0 {
		line += fmt.Sprintf("  attempt %d", r.Attempts)
	}
	// The outbox masked the error and the message when it made them.
	if r.Err != nil {
		line += "  " + st.Bad.Render(safe(r.Err.Error()))
	} else if r.Class == outbox.ClassNotCollector { // its HTML says nothing; the hint does
		line += "  " + st.Bad.Render("a web page")
	} else if r.Message != "" && !r.OK() {
		line += "  " + st.Bad.Render(`"`+safe(strings.Join(strings.Fields(r.Message), " "))+`"`)
	}
	if e.wait > 0 {
		why := "backoff"
		if r.RetryAfter > 0 && e.wait <= r.RetryAfter {
			why = "Retry-After"
		}
		return line + "  " + st.Hint.Render(fmt.Sprintf("waiting %s (%s), attempt %d of %d", shortDur(e.wait), why, r.Attempts+1, e.of))
	}
	if r.Hint != "" && !r.OK() {
		shown := *r
		if l.reveal && r.RedirectTo != "" { // the hint was masked when made
			shown.Hint = outbox.RedirectHint(safe(r.RedirectTo))
		}
		line += "\n" + st.Hint.Render("→ "+keyText(l.keys, hintWithKeys(shown)))
	}
	return line
}

// lastResult is the newest batch's line (its hint on a second line), ""
// before any POST.
func (l *deliveryLog) lastResult() string {
	for i := len(l.entries) - 1; i >= 0; i-- {
		if l.entries[i].result != nil {
			return l.render(l.entries[i])
		}
	}
	return ""
}

// lines is the wrapped lines of the newest entries, enough for want lines
// (all of them when want < 0), oldest first.
func (l *deliveryLog) lines(want int) []string {
	var rev [][]string
	n := 0
	for i := len(l.entries) - 1; i >= 0 && (want < 0 || n < want); i-- {
		var ls []string
		for _, part := range strings.Split(l.render(l.entries[i]), "\n") {
			ls = append(ls, wrap(part, l.width)...)
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

// Start runs flush (a command streaming flushResultMsg then flushDoneMsg)
// with a context this pane can cancel; it returns the commands to run.
func (l *deliveryLog) Start(flush func(context.Context) tea.Cmd) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel, l.cancelled, l.done = cancel, false, 0
	return tea.Batch(l.spinner.Tick, flush(ctx))
}

// Cancel stops the running flush: batches not answered yet stay queued. It
// reports whether a flush was running.
func (l *deliveryLog) Cancel() bool {
	if l.cancel == nil {
		return false
	}
	l.cancel()
	l.cancelled = true
	return true
}

// Update streams a flush's results, animates the spinner and scrolls.
func (l *deliveryLog) Update(msg tea.Msg) (component, tea.Cmd) {
	switch msg := msg.(type) {
	case flushResultMsg:
		l.AddResult(msg.result)
		return l, waitFor(msg.next)
	case flushRetryMsg:
		l.push(logEntry{result: &msg.failed, wait: msg.wait, of: msg.of})
		return l, waitFor(msg.next)
	case flushDoneMsg:
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
		maxScroll := max(0, len(l.lines(-1))-l.height)
		l.scroll = maxScroll - navigate(l.keys, msg, maxScroll-min(l.scroll, maxScroll), l.height, maxScroll)
	}
	return l, nil
}

// ShortHelp is the movement keys.
func (l *deliveryLog) ShortHelp() []key.Binding { return navKeys(l.keys) }

// FullHelp is the movement keys.
func (l *deliveryLog) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(l.keys)} }

// Title names the pane, with progress while flushing.
func (l *deliveryLog) Title() string {
	t := "Delivery log"
	if l.Flushing() {
		t = fmt.Sprintf("Delivery log %s flushing… %s answered (%s cancels)", l.spinner.View(), plural(l.done, "batch"), keyName(l.keys.StopFlush))
	}
	if l.scroll > 0 {
		t += fmt.Sprintf(" · %s below (%s)", plural(l.scroll, "line"), keyName(l.keys.Bottom))
	}
	return t
}

// View shows the newest lines that fit, or older ones when scrolled.
func (l *deliveryLog) View() string {
	if len(l.entries) == 0 {
		return l.styles.Dim.Render("One line per POST appears here when you flush (" + keyName(l.keys.Flush) + ").")
	}
	lines := l.lines(l.scroll + l.height)
	end := max(0, len(lines)-l.scroll)
	start := max(0, end-l.height)
	return strings.Join(lines[start:end], "\n")
}
