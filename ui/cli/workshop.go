package cli

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"zipkin-playground/tracing"
)

// WorkshopOptions are the workshop command's own flags. Its fields are
// those of the workshop server's options, so main converts one into the
// other (this package imports no UI code).
type WorkshopOptions struct {
	SSH             string
	Code            string
	MaxAttendees    int
	HostKey         string
	AllowDuplicates bool
	Idle            time.Duration
}

// Workshop runs the workshop server until ctx ends, writing the join block
// (and the board or its log lines) to out. main passes it in Env.
type Workshop func(ctx context.Context, cfg tracing.Config, w WorkshopOptions, out io.Writer) error

// Defaults of the workshop flags.
const (
	defaultWorkshopSSH   = "127.0.0.1:2222"
	defaultMaxAttendees  = 50
	errNoWorkshopMessage = "this build has no workshop server"
)

func defaultWorkshopOptions() WorkshopOptions {
	return WorkshopOptions{SSH: defaultWorkshopSSH, MaxAttendees: defaultMaxAttendees}
}

// validateWorkshop refuses what would expose the presenter's machine: a
// listener beyond loopback that anyone reaching it could join.
func validateWorkshop(w WorkshopOptions) error {
	if _, _, err := net.SplitHostPort(w.SSH); err != nil {
		return usagef("--ssh: want host:port such as 127.0.0.1:2222, got %q", w.SSH)
	}
	if w.MaxAttendees < 1 {
		return usagef("--max-attendees: must be at least 1, got %d", w.MaxAttendees)
	}
	if w.Code == "" && !tracing.LoopbackAddr(w.SSH) {
		return usagef("--ssh %s is reachable from other machines, so it needs a join code: add --code CODE (attendees type it when ssh asks, or on the join screen)", w.SSH)
	}
	return nil
}

// runWorkshop is the workshop command: it serves until interrupted.
func runWorkshop(opts Options, env Env) int {
	if env.Workshop == nil {
		return fail(env, errors.New(errNoWorkshopMessage), "")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The board is a Bubble Tea program: it needs the terminal itself, not
	// the sanitising writer every command's text goes through (its views
	// escape what comes from outside, and its log lines are sanitised).
	out := env.Stdout
	if s, ok := out.(safeOutput); ok {
		out = s.w
	}
	if err := env.Workshop(ctx, opts.Config, opts.Workshop, out); err != nil {
		return fail(env, err, "")
	}
	return ExitOK
}
