// Package workshop is the workshop server: an SSH server (Charm's Wish)
// that gives each attendee their own playground in their own terminal,
// delivering to the workshop's receiver, and the presenter's board that
// shows who is connected and every trace arriving.
package workshop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	charmlog "github.com/charmbracelet/log"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
)

// Options are the workshop's own settings (the rest is tracing.Config).
type Options struct {
	// SSH is the address attendees connect to.
	SSH string
	// Code is the join code attendees give as their SSH password (or on the join screen, with a key); "" for
	// none (loopback only).
	Code string
	// MaxAttendees is how many may be connected at once.
	MaxAttendees int
	// HostKey is the SSH host key's file, created on first run.
	HostKey string
	// AllowDuplicates lets one name connect more than once (the second
	// gets a suffix).
	AllowDuplicates bool
	// Idle is how long an attendee may press no key; 0 is defaultIdle.
	Idle time.Duration
}

// errCodeNeeded refuses a non-loopback address without a join code: anyone
// who can reach it would get a playground on the presenter's machine.
var errCodeNeeded = errors.New("a workshop reachable from other machines needs a join code: add --code CODE (attendees type it when ssh asks, or on the join screen)")

func (o Options) idle() time.Duration {
	if o.Idle <= 0 {
		return defaultIdle
	}
	return o.Idle
}

// check validates o, filling in the default host key path.
func (o *Options) check() error {
	if o.MaxAttendees < 1 {
		return fmt.Errorf("--max-attendees must be at least 1, got %d", o.MaxAttendees)
	}
	if o.Code == "" && !tracing.LoopbackAddr(o.SSH) {
		return errCodeNeeded
	}
	if o.HostKey == "" {
		p, err := defaultHostKeyPath()
		if err != nil {
			return err
		}
		o.HostKey = p
	}
	return nil
}

// JoinBlock is what the presenter shows the room: the command attendees
// type, the host key's fingerprint to compare, the join code.
func (s *Server) JoinBlock() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Workshop open. Attendees type:\n\n    %s\n\n", s.sshCommand())
	fmt.Fprintf(&b, "NAME becomes their service name. Host key fingerprint: %s\n", s.Fingerprint())
	if s.opts.Code != "" {
		fmt.Fprintf(&b, "Join code (ssh asks for it, as a password or on a join screen): %s\n", s.opts.Code)
	}
	where := "spans go to " + s.presenter.Endpoint().Display(false)
	if r := s.presenter.Receiver(); r != nil && s.presenter.Endpoint().Local {
		where = "spans go to the embedded receiver " + r.URL()
	}
	fmt.Fprintf(&b, "Up to %d attendees; %s.\n", s.opts.MaxAttendees, where)
	return b.String()
}

// outboundHost is this machine's address others reach (for a server
// listening on every interface).
func outboundHost() string {
	if ip := tracing.DefaultIP(); ip != "" {
		return ip
	}
	return "HOST"
}

// Run serves the workshop until ctx ends: it prints the join block to out,
// then shows the presenter's board when out is a terminal, else one line
// per join and leave.
func Run(ctx context.Context, cfg tracing.Config, o Options, out io.Writer) error {
	// Wish's middleware logs a program's end to the process's stderr,
	// under the board: the workshop says what matters in its own lines.
	charmlog.SetOutput(io.Discard)
	board := isTerminal(out)
	lines := make(chan string, 64)
	logf := func(format string, args ...any) {
		select {
		case lines <- fmt.Sprintf(format, args...):
		default: // the board or the log is behind: a join line is not worth blocking a session
		}
	}
	s, err := Start(cfg, o, logf)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprint(out, s.JoinBlock())
	if board {
		return runBoard(ctx, s, lines)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case l := <-lines:
			fmt.Fprintf(out, "%s %s\n", time.Now().Format("15:04:05"), secret.Sanitize(l))
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
