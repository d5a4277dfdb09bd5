package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

const maxLogLines = 1000

// deliveryLog is one line per POST (time, spans, bytes, status, latency,
// server message, hint), a spinner while a flush runs, and notes.
type deliveryLog struct {
	common
	lines         []string
	scroll        int // lines scrolled up from the bottom
	spinner       spinner.Model
	flushing      bool
	done          int // batches answered in the running flush
	width, height int
}

func newDeliveryLog(c common) deliveryLog {
	return deliveryLog{common: c, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// SetSize sets the inner size.
func (l *deliveryLog) SetSize(w, h int) { l.width, l.height = w, h }

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
	line := fmt.Sprintf("%s  batch %d/%d  %d spans  %d B  %s  %s",
		r.At.Format("15:04:05"), r.Batch, r.Batches, r.Spans, r.Bytes, status, shortDur(r.Latency))
	if r.Err != nil {
		line += "  " + st.Bad.Render(r.Err.Error())
	} else if r.Message != "" && !r.OK() {
		line += "  " + st.Bad.Render(fmt.Sprintf("%q", oneLine(r.Message, 160)))
	}
	l.Add(line)
	if r.Hint != "" && !r.OK() {
		l.Add("          " + st.Hint.Render("→ "+r.Hint))
	}
	l.done++
}

// Start marks a flush as running; it returns the spinner's tick.
func (l *deliveryLog) Start() tea.Cmd {
	l.flushing, l.done = true, 0
	return l.spinner.Tick
}

// Stop marks the flush done.
func (l *deliveryLog) Stop() { l.flushing = false }

// Update scrolls (when focused) and animates the spinner.
func (l deliveryLog) Update(msg tea.Msg, focused bool) (deliveryLog, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !l.flushing {
			return l, nil
		}
		var cmd tea.Cmd
		l.spinner, cmd = l.spinner.Update(msg)
		return l, cmd
	case tea.KeyMsg:
		if !focused {
			return l, nil
		}
		maxScroll := max(0, len(l.lines)-l.height)
		l.scroll = maxScroll - navigate(l.keys, msg, maxScroll-l.scroll, l.height, maxScroll)
	}
	return l, nil
}

// Title names the pane, with progress while flushing.
func (l deliveryLog) Title() string {
	if l.flushing {
		return fmt.Sprintf("Delivery log %s flushing… %d batches answered", l.spinner.View(), l.done)
	}
	return "Delivery log"
}

// View shows the newest lines that fit.
func (l deliveryLog) View() string {
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
