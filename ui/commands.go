package ui

// COMMANDS: every piece of I/O the UI starts runs here, in a tea.Cmd. The
// values a command needs are copied before the closure is built; results come
// back as messages.

import (
	"context"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// flushResultMsg is one batch's result, streamed while a flush runs.
type flushResultMsg struct {
	result tracing.DeliveryResult
	next   <-chan tea.Msg
}

// flushDoneMsg ends a flush.
type flushDoneMsg struct{ summary tracing.FlushSummary }

// startFlush runs Outbox.Flush in the background and streams its results.
func startFlush(ctx context.Context, out *tracing.Outbox) tea.Cmd {
	ch := make(chan tea.Msg, 64)
	return func() tea.Msg {
		go func() {
			sum := out.Flush(ctx, func(r tracing.DeliveryResult) { ch <- flushResultMsg{result: r, next: ch} })
			ch <- flushDoneMsg{summary: sum}
			close(ch)
		}()
		return <-ch
	}
}

// waitFor re-arms the wait on a stream.
func waitFor(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if msg, ok := <-ch; ok {
			return msg
		}
		return nil
	}
}

// receivedMsg says the embedded receiver got something.
type receivedMsg struct{}

// waitReceived waits for the receiver's next arrival.
func waitReceived(r *tracing.Receiver) tea.Cmd {
	if r == nil {
		return nil
	}
	changed := r.Updated()
	return func() tea.Msg {
		<-changed
		return receivedMsg{}
	}
}

// tickMsg refreshes running spans' elapsed time.
type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(200*time.Millisecond, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// receiverStartedMsg is the embedded receiver a command started (E → local).
type receiverStartedMsg struct {
	receiver *tracing.Receiver
	err      error
}

// startReceiver starts the embedded receiver off the UI loop.
func startReceiver(cfg tracing.Config) tea.Cmd {
	listen, budget := cfg.Listen, cfg.MaxSpans
	return func() tea.Msg {
		r, err := tracing.StartReceiver(listen, tracing.ReceiverOptions{MaxSpans: budget})
		return receiverStartedMsg{receiver: r, err: err}
	}
}

// fileMsg reports a file written (save, export) or read (load).
type fileMsg struct {
	op       string // "saved", "exported", "loaded"
	path     string
	scenario tracing.Scenario
	detail   string
	err      error
}

func writeFileCmd(op, path string, data []byte, detail string) tea.Cmd {
	return func() tea.Msg {
		err := os.WriteFile(path, data, 0o644)
		return fileMsg{op: op, path: path, detail: detail, err: err}
	}
}

func loadScenarioCmd(path string) tea.Cmd {
	return func() tea.Msg {
		sc, err := tracing.LoadScenario(path) // its errors name the file
		return fileMsg{op: "loaded", path: path, scenario: sc, err: err}
	}
}
