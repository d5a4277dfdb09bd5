// Package cli is zipkin-playground's command line: flags and environment,
// and the headless commands send, check and receive. The interactive TUI is
// passed in by main, so this package imports no UI code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"zipkin-playground/tracing"
)

// Version is the program's version, set at build time with -ldflags.
var Version = "dev"

// Exit statuses of send and check (SPEC.md "Command line").
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// Env is the process's outside world, passed in so tests can run commands
// in-process.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StderrTTY enables progress lines.
	StderrTTY bool
	// RetrySleep, when set, replaces the wait between send's retries (tests
	// record the waits instead of sleeping).
	RetrySleep func(ctx context.Context, d time.Duration) error
}

// OSEnv is the real process environment.
func OSEnv() Env {
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, StderrTTY: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Interactive runs the TUI with the session configuration and a scenario to
// open ("" for none). main passes ui.Run, so this package imports no UI code
// and ui imports no command line.
type Interactive func(cfg tracing.Config, scenario string) error

// Main runs the command line args (without the program name) and returns the
// exit status.
func Main(args []string, env Env, interactive Interactive) int {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "send", "check", "receive":
	case "help":
		cmd, args = "", []string{"--help"}
	default:
		return fail(env, usagef("unknown command %q", cmd), "run zipkin-playground --help for the commands")
	}
	opts, rest, err := ParseArgs(cmd, args, env.Getenv, env.Stdout)
	if err != nil {
		return fail(env, err, "run zipkin-playground --help for the flags")
	}
	switch {
	case opts.Help:
		return ExitOK
	case opts.Version:
		fmt.Fprintf(env.Stdout, "zipkin-playground %s\n", Version)
		return ExitOK
	}
	switch cmd {
	case "send":
		if len(rest) > 1 {
			return fail(env, usagef("send takes at most one scenario FILE, got %d arguments", len(rest)), "")
		}
		if len(rest) == 1 {
			opts.Load = rest[0]
		}
		return Send(opts, env)
	case "check":
		return Check(opts, env)
	case "receive":
		return Receive(opts, env)
	}
	if len(rest) > 0 {
		return fail(env, usagef("unexpected argument %q", rest[0]), "flags go before arguments; run zipkin-playground --help")
	}
	if err := interactive(opts.Config, opts.Load); err != nil {
		return fail(env, err, "")
	}
	return ExitOK
}

// fail prints one sentence and a hint to stderr and returns the exit status
// the error calls for.
func fail(env Env, err error, hint string) int {
	fmt.Fprintf(env.Stderr, "zipkin-playground: %s\n", sentence(err.Error()))
	if hint != "" {
		fmt.Fprintf(env.Stderr, "hint: %s\n", hint)
	}
	if errors.Is(err, errUsage) {
		return ExitUsage
	}
	return ExitFailed
}

func sentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
