// Package cli is zipkin-playground's command line: one table of commands
// (commandTable: the headless commands, the workshop server, and the
// interactive TUI that main passes in, so this package imports no UI code)
// and one of flags (flagTable, the session settings of ui/settings
// included), from which parsing, the environment and usage are built.
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
	"zipkin-playground/tracing/secret"
)

// Exit statuses of send and check, documented in the README so scripts can
// tell a failed delivery (1) from a usage error (2).
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
	// Workshop is the workshop server; main passes the UI's, since this
	// package imports no UI code.
	Workshop Workshop
	// printDrain, when set, replaces printDrain: a test whose stdout takes
	// nothing need not wait the full drain for the lines to count as dropped.
	printDrain time.Duration
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
	if cmd == "help" {
		return help(args, env)
	}
	c, ok := commandByName(cmd)
	if !ok {
		return fail(env, usagef("unknown command %q", cmd), "run zipkin-playground --help for the commands")
	}
	opts, rest, err := ParseArgs(cmd, args, env.Getenv)
	if err != nil {
		return fail(env, err, "run "+strings.TrimSpace("zipkin-playground help "+cmd)+" for the flags")
	}
	switch {
	case opts.Help:
		printUsage(env.Stdout, c)
		return ExitOK
	case opts.Version:
		fmt.Fprintln(env.Stdout, VersionLine())
		return ExitOK
	}
	return runCommand(c, opts, rest, env, interactive)
}

// runCommand starts the command with its positional arguments.
func runCommand(c commandDef, opts Options, rest []string, env Env, interactive Interactive) int {
	if err := c.takeArguments(&opts, rest); err != nil {
		return fail(env, err, "run "+strings.TrimSpace("zipkin-playground help "+c.name))
	}
	if c.run != nil {
		// A headless command tells the choices made for the person
		// before it starts.
		for _, note := range opts.Notes {
			fmt.Fprintf(env.Stderr, "note: %s\n", note)
		}
		env.Stdout = safeOutput{w: env.Stdout, json: opts.JSON}
		return c.run(opts, env)
	}
	if err := interactive(opts.Config, opts.Load); err != nil {
		return fail(env, err, "")
	}
	return ExitOK
}

// help is `zipkin-playground help [COMMAND]`.
func help(args []string, env Env) int {
	name := ""
	if len(args) > 0 {
		name = args[0]
	}
	c, ok := commandByName(name)
	if !ok || len(args) > 1 {
		return fail(env, usagef("help: unknown command %q", strings.Join(args, " ")), "the commands are "+namedCommands())
	}
	printUsage(env.Stdout, c)
	return ExitOK
}

// fail prints one sentence and a hint to stderr and returns the exit status
// the error calls for.
func fail(env Env, err error, hint string) int {
	fmt.Fprintf(env.Stderr, "zipkin-playground: %s\n", sentence(err.Error()))
	if hint != "" {
		fmt.Fprintf(env.Stderr, "hint: %s\n", secret.Sanitize(hint))
	}
	if errors.Is(err, errUsage) {
		return ExitUsage
	}
	return ExitFailed
}

// sentence is s on one line, control characters escaped (a flag name or a
// value may carry an escape sequence that must not reach the terminal raw).
func sentence(s string) string {
	s = secret.Sanitize(strings.Join(strings.Fields(s), " "))
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
