package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

const maxLogLines = 1000

// deliveryLog is one line per POST (time, spans, bytes, status, latency,
// server message, hint), a spinner while a flush runs, and notes. It owns the
// running flush: its results stream here, and whether a flush runs is known
// only here (cancel is set while it does).
type deliveryLog struct {
	paneBase
	lines     []string
	scroll    int // lines scrolled up from the bottom
	spinner   spinner.Model
	cancel    context.CancelFunc // non-nil while a flush runs
	cancelled bool               // the running (or last) flush was cancelled
	done      int                // batches answered in the running flush
}

func newDeliveryLog(c *common) *deliveryLog {
	return &deliveryLog{paneBase: paneBase{common: c}, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// Flushing says whether a flush runs.
func (l *deliveryLog) Flushing() bool { return l.cancel != nil }

// Add appends a line, dropping the oldest beyond maxLogLines.
func (l *deliveryLog) Add(s string) {
	l.lines = append(l.lines, strings.Split(s, "\n")...)
	if over := len(l.lines) - maxLogLines; over > 0 {
		l.lines = append([]string(nil), l.lines[over:]...)
	}
	l.scroll = 0
}

// AddResult logs one batch.
func (l *deliveryLog) AddResult(r tracing.DeliveryResult) {
	st := l.styles
	status := st.OK.Render(fmt.Sprintf("HTTP %d", r.Status))
	switch {
	case r.Status == 0:
		status = st.Bad.Render("no answer")
	case !r.OK():
		status = st.Bad.Render(fmt.Sprintf("HTTP %d", r.Status))
	}
	line := fmt.Sprintf("%s  batch %d/%d  %s  %d B  %s  %s",
		r.At.Format("15:04:05"), r.Batch, r.Batches, plural(r.Spans, "span"), r.Bytes, status, shortDur(r.Latency))
	if r.Err != nil {
		line += "  " + st.Bad.Render(r.Err.Error())
	} else if r.Message != "" && !r.OK() {
		line += "  " + st.Bad.Render(fmt.Sprintf("%q", oneLine(r.Message, 160)))
	}
	l.Add(line)
	if r.Hint != "" && !r.OK() {
		l.Add("          " + st.Hint.Render("→ "+hintWithKeys(r)))
	}
	l.done++
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
		maxScroll := max(0, len(l.lines)-l.height)
		l.scroll = maxScroll - navigate(l.keys, msg, maxScroll-l.scroll, l.height, maxScroll)
	}
	return l, nil
}

// ShortHelp is the movement keys.
func (l *deliveryLog) ShortHelp() []key.Binding { return navKeys(l.keys) }

// FullHelp is the movement keys.
func (l *deliveryLog) FullHelp() [][]key.Binding { return [][]key.Binding{navKeys(l.keys)} }

// Title names the pane, with progress while flushing.
func (l *deliveryLog) Title() string {
	if l.Flushing() {
		return fmt.Sprintf("Delivery log %s flushing… %s answered (esc cancels)", l.spinner.View(), plural(l.done, "batch"))
	}
	return "Delivery log"
}

// View shows the newest lines that fit.
func (l *deliveryLog) View() string {
	if len(l.lines) == 0 {
		return l.styles.Dim.Render("One line per POST appears here when you flush (F).")
	}
	end := len(l.lines) - l.scroll
	start := max(0, end-l.height)
	return strings.Join(l.lines[start:end], "\n")
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "…"
	}
	return s
}
