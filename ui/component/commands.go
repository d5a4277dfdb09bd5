package component

// COMMANDS: every piece of I/O the UI starts runs here, in a tea.Cmd. The
// values a command needs are copied before the closure is built; results come
// back as messages.

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/examples"
	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// FlushResultMsg is one batch's result, streamed while a flush runs.
type FlushResultMsg struct {
	Result outbox.DeliveryResult
	Next   <-chan tea.Msg
	target secret.Endpoint // where the flush sent it
}

// FlushRetryMsg is a failed attempt that will be retried, streamed before
// the wait: of is how many attempts the batch may take.
type FlushRetryMsg struct {
	Failed outbox.DeliveryResult
	Wait   time.Duration
	Of     int
	Next   <-chan tea.Msg
}

// FlushDoneMsg ends a flush.
type FlushDoneMsg struct{ Summary outbox.FlushSummary }

// StartFlush runs Outbox.FlushRetrying in the background (retries is the
// retries option: transient failures are retried with backoff) and streams
// its results, each with the endpoint target the flush sends to.
func StartFlush(ctx context.Context, out *outbox.Outbox, retries int, target secret.Endpoint) tea.Cmd {
	ch := make(chan tea.Msg, 64)
	policy := outbox.RetryPolicy{Retries: retries, OnRetry: func(r outbox.DeliveryResult, wait time.Duration) {
		ch <- FlushRetryMsg{Failed: r, Wait: wait, Of: retries + 1, Next: ch}
	}}
	return func() tea.Msg {
		go func() {
			sum := out.FlushRetrying(ctx, policy, func(r outbox.DeliveryResult) { ch <- FlushResultMsg{Result: r, Next: ch, target: target} })
			ch <- FlushDoneMsg{Summary: sum}
			close(ch)
		}()
		return <-ch
	}
}

// WaitFor re-arms the wait on a stream.
func WaitFor(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if msg, ok := <-ch; ok {
			return msg
		}
		return nil
	}
}

// ReceivedMsg says the embedded receiver got something.
type ReceivedMsg struct{}

// WaitReceived waits for the receiver's next arrival.
func WaitReceived(r *receiver.Receiver) tea.Cmd {
	if r == nil {
		return nil
	}
	changed := r.Updated()
	return func() tea.Msg {
		<-changed
		return ReceivedMsg{}
	}
}

// ReceiverStartedMsg is the embedded receiver a command started (E → local).
type ReceiverStartedMsg struct {
	Receiver *receiver.Receiver
	Err      error
}

// StartReceiver starts the embedded receiver off the UI loop.
func StartReceiver(cfg tracing.Config) tea.Cmd {
	listen, budget, bytes := cfg.Listen, cfg.MaxSpans, cfg.MaxBytes
	return func() tea.Msg {
		r, err := receiver.Start(listen, receiver.MaxSpans(budget), receiver.MaxBytes(bytes))
		return ReceiverStartedMsg{Receiver: r, Err: err}
	}
}

// FileMsg reports a file written (save, export) or read (load).
type FileMsg struct {
	Op       string // "saved", "exported", "loaded"
	Path     string
	Scenario tracing.Scenario
	Write    FileWrite // what was (to be) written, to write again once replacing is agreed
	Err      error
}

// FileWrite is one save or export: the bytes, where, and what to say and
// log once written.
type FileWrite struct {
	Op, Path, Detail string
	Data             []byte
	Log              []string // delivery-log lines once written (export's curl)
	Overwrite        bool
}

// WriteFileCmd writes through tracing.WriteFileSafely, so a crash never
// leaves half a file and a symlink is never followed: an existing file comes
// back as tracing.ErrExists until overwrite is agreed.
func WriteFileCmd(w FileWrite) tea.Cmd {
	return func() tea.Msg {
		err := tracing.WriteFileSafely(w.Path, w.Data, w.Overwrite)
		return FileMsg{Op: w.Op, Path: w.Path, Write: w, Err: err}
	}
}

// LoadScenarioCmd reads a scenario file, or the built-in example of that
// name when no such file exists (examples.Load).
func LoadScenarioCmd(path string) tea.Cmd {
	return func() tea.Msg {
		sc, err := examples.Load(path) // its errors name the file and the size limit
		return FileMsg{Op: "loaded", Path: path, Scenario: sc, Err: err}
	}
}

// LoadBuiltinCmd parses an embedded example scenario.
func LoadBuiltinCmd(name string) tea.Cmd {
	return func() tea.Msg {
		sc, err := examples.Builtin(name)
		return FileMsg{Op: "loaded", Path: "the built-in example " + name, Scenario: sc, Err: err}
	}
}
