package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/settings"
)

// Options is everything the command line says: the session configuration
// plus what only a command uses.
type Options struct {
	Config tracing.Config
	// JSON asks send/check for one JSON report, receive for JSON lines.
	JSON bool
	// Count, Rate and Duration are send's burst mode: Count traces (or as
	// many as Duration allows) at Rate per second (0 = as fast as delivery
	// allows).
	Count    int
	Rate     float64
	Duration time.Duration
	// BatchGiven says --batch was given: a burst otherwise posts
	// DefaultBurstBatch spans at a time.
	BatchGiven bool
	// Load is a scenario to replay: send's FILE, or --load in the TUI. A
	// name with no such file on disk is looked up among the embedded examples.
	Load string
	// Version and Help short-circuit everything else.
	Version bool
	Help    bool
	// Workshop is the workshop command's own settings.
	Workshop WorkshopOptions
	// Notes are choices made for the person (the v1 encoding for a v1
	// path), shown before a headless command runs.
	Notes []string
}

// Burst reports whether send runs in burst mode.
func (o Options) Burst() bool { return o.Count > 0 || o.Duration > 0 }

// errUsage marks configuration errors (exit status 2).
var errUsage = errors.New("usage")

// usageError is a bad flag or value; exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// flagValue adapts a table row to flag.Value; a switch is a bool flag.
type flagValue struct {
	def  flagDef
	opts *Options
	// setBy records where each library field was set, so that a
	// tracing.ConfigError names the flag or variable the person typed.
	setBy map[string]string
	err   *error
}

func (v flagValue) String() string   { return "" }
func (v flagValue) IsBoolFlag() bool { return v.def.isSwitch() }
func (v flagValue) Set(s string) error {
	if err := v.def.apply(v.opts, s); err != nil {
		*v.err = usagef("--%s: %v", v.def.name, err)
		return *v.err
	}
	if v.def.field != "" {
		v.setBy[v.def.field] = "--" + v.def.name
	}
	return nil
}

// ParseArgs reads the environment first, then the flags of cmd (flags win).
// args do not include the command name. Flags may come before or after the
// positional arguments, which are returned in order; "--" ends the flags.
// A flag that cmd does not take is refused.
func ParseArgs(cmd string, args []string, getenv func(string) string) (Options, []string, error) {
	opts := Options{Config: tracing.DefaultConfig(), Workshop: defaultWorkshopOptions()}
	c, ok := commandByName(cmd)
	if !ok {
		return opts, nil, usagef("unknown command %q", cmd)
	}
	setBy := map[string]string{}
	if err := applyEnv(c, &opts, getenv, setBy); err != nil {
		return opts, nil, err
	}
	rest, err := parseFlags(c, args, &opts, setBy)
	opts.BatchGiven = setBy[tracing.FieldBatch] != ""
	if err != nil || opts.Help || opts.Version {
		return opts, rest, err
	}
	if err := validate(c, &opts, setBy); err != nil {
		return opts, nil, err
	}
	return opts, rest, nil
}

// newFlagSet is cmd's own FlagSet: only the table rows cmd accepts.
func newFlagSet(c commandDef, opts *Options, setBy map[string]string, lastErr *error) *flag.FlagSet {
	fs := flag.NewFlagSet(c.title(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, d := range flagTable {
		if !d.takenBy(c) {
			continue
		}
		fs.Var(flagValue{def: d, opts: opts, setBy: setBy, err: lastErr}, d.name, d.usage)
		if d.name == "help" {
			fs.Var(flagValue{def: d, opts: opts, setBy: setBy, err: lastErr}, "h", d.usage)
		}
	}
	return fs
}

// parseFlags parses args with flags and positional arguments interleaved
// (`send FILE --json`): the flag package stops at the first positional
// argument, so parsing resumes after each one.
func parseFlags(c commandDef, args []string, opts *Options, setBy map[string]string) ([]string, error) {
	var lastErr error
	fs := newFlagSet(c, opts, setBy, &lastErr)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(c, err, lastErr)
		}
		remaining := fs.Args()
		consumed := args[:len(args)-len(remaining)]
		if len(consumed) > 0 && consumed[len(consumed)-1] == "--" && !isFlagValue(fs, consumed) {
			return append(rest, remaining...), nil
		}
		if len(remaining) == 0 {
			return rest, nil
		}
		rest = append(rest, remaining[0])
		args = remaining[1:]
	}
}

// isFlagValue reports whether the trailing "--" of consumed was the value
// of a flag (`--service --`) rather than the end of the flags.
func isFlagValue(fs *flag.FlagSet, consumed []string) bool {
	if len(consumed) < 2 {
		return false
	}
	prev := strings.TrimLeft(consumed[len(consumed)-2], "-")
	if strings.Contains(prev, "=") || !strings.HasPrefix(consumed[len(consumed)-2], "-") {
		return false
	}
	f := fs.Lookup(prev)
	if f == nil {
		return false
	}
	sw, ok := f.Value.(flagValue)
	return ok && !sw.IsBoolFlag()
}

// flagError turns the flag package's error into one sentence; a flag that
// another command takes says which.
func flagError(c commandDef, err, lastErr error) error {
	if lastErr != nil {
		return lastErr
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		if d, found := lookupFlag(name); found {
			return usagef("%s does not take --%s (it is for %s)", c.label(), name, commandNames(d.cmds))
		}
		return usagef("unknown flag --%s for %s", name, c.label())
	}
	return usagef("%s", strings.Replace(msg, " -", " --", 1))
}

func lookupFlag(name string) (flagDef, bool) {
	for _, d := range flagTable {
		if d.name == name {
			return d, true
		}
	}
	return flagDef{}, false
}

// applyEnv reads every ZIPKIN_* variable of the table. The environment is
// shared by all commands, so a variable a command does not use is ignored.
func applyEnv(c commandDef, opts *Options, getenv func(string) string, setBy map[string]string) error {
	for _, d := range flagTable {
		if d.env == "" || !d.takenBy(c) {
			continue
		}
		v := getenv(d.env)
		if v == "" {
			continue
		}
		apply := d.apply
		if d.applyEnv != nil {
			apply = d.applyEnv
		}
		if err := apply(opts, v); err != nil {
			return usagef("%s: %v", d.env, err)
		}
		if d.field != "" {
			setBy[d.field] = d.env
		}
	}
	return nil
}

// validate checks the library's configuration and the command's own
// options, naming the flag (or variable) that set a bad value.
func validate(c commandDef, opts *Options, setBy map[string]string) error {
	if opts.Count > maxCount {
		return usagef("--count: must be at most %d, got %d", maxCount, opts.Count)
	}
	if c.cmd == settings.Workshop {
		if err := validateWorkshop(opts.Workshop); err != nil {
			return err
		}
	}
	cfg := opts.Config
	if c.cmd == settings.Receive {
		// receive builds no session: only its own settings matter.
		cfg = tracing.DefaultConfig()
		cfg.Listen, cfg.MaxSpans, cfg.MaxBytes = opts.Config.Listen, opts.Config.MaxSpans, opts.Config.MaxBytes
	}
	enc, note, err := tracing.EncodingFor(cfg.Endpoint, cfg.Encoding, setBy[tracing.FieldEncoding] != "")
	if err == nil {
		cfg.Encoding, opts.Config.Encoding = enc, enc
		if note != "" {
			opts.Notes = append(opts.Notes, note)
		}
		err = cfg.Validate()
	}
	var ce *tracing.ConfigError
	if errors.As(err, &ce) {
		return usagef("%s: %s", settingName(ce.Field, setBy), ce.Error())
	}
	if err != nil {
		return usagef("%v", err)
	}
	return nil
}

// settingName is how the person set a library field: the flag or variable
// they used, else the flag that would change it.
func settingName(field string, setBy map[string]string) string {
	if by, ok := setBy[field]; ok {
		return by
	}
	for _, d := range flagTable {
		if d.field == field {
			return "--" + d.name
		}
	}
	return field
}
