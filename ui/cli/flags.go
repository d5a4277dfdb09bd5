package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"zipkin-playground/ui/settings"
)

// flagDef is one row of the command line's single table: the flag, its
// environment variable, its default and help, the commands that accept it,
// and how its value lands in Options. Parsing, the environment and the
// usage text are all generated from it.
type flagDef struct {
	name  string // without dashes
	arg   string // the value's placeholder in usage; "" for a switch
	env   string // environment variable, "" for none
	def   string // the default, as usage shows it
	usage string
	// field is the tracing.ConfigError field the flag sets, so that a
	// library error can be told with the flag's name.
	field string
	// cmds is the commands that take the flag; every says all of them do
	// (--help, --version), whatever commands the table holds.
	cmds  settings.Commands
	every bool
	apply func(o *Options, v string) error
	// applyEnv reads the environment variable when its form differs from
	// the flag's (ZIPKIN_HEADERS is ;-separated); nil means apply.
	applyEnv func(o *Options, v string) error
}

func (d flagDef) isSwitch() bool { return d.arg == "" }

// takenBy reports whether command c accepts the flag.
func (d flagDef) takenBy(c commandDef) bool { return d.every || d.cmds&c.cmd != 0 }

// flagTable is every flag: the session settings (ui/settings, which the TUI
// reads too), then the flags only a command uses.
var flagTable = append(settingFlags(), commandFlags...)

// settingFlags are the settings' rows as flags: their text lands in
// Options.Config through the setting's own parser.
func settingFlags() []flagDef {
	var defs []flagDef
	for _, s := range settings.Table() {
		d := flagDef{name: s.Flag, arg: s.Arg, env: s.Env, def: s.Default, usage: s.Usage, field: s.Field,
			cmds: s.Commands, apply: func(o *Options, v string) error { return s.Parse(&o.Config, v) }}
		if s.ParseEnv != nil {
			d.applyEnv = func(o *Options, v string) error { return s.ParseEnv(&o.Config, v) }
		}
		defs = append(defs, d)
	}
	return defs
}

// commandFlags are the flags that are no session setting: what a command
// does, not how the session delivers.
var commandFlags = []flagDef{
	{name: "json", def: "off", cmds: settings.Send | settings.Check | settings.Receive,
		usage: "send/check: one JSON report on stdout; receive: one JSON line per span",
		apply: func(o *Options, v string) (err error) { o.JSON, err = parseSwitch(v); return }},
	{name: "count", arg: "N", def: "0", cmds: settings.Send,
		usage: "burst: number of traces to build and send",
		apply: func(o *Options, v string) (err error) { o.Count, err = parseCount(v); return }},
	{name: "rate", arg: "N", def: "0 = as fast as delivery allows", cmds: settings.Send,
		usage: "burst: traces per second",
		apply: func(o *Options, v string) (err error) { o.Rate, err = parseRate(v); return }},
	{name: "duration", arg: "DUR", cmds: settings.Send,
		usage: "burst: keep sending at --rate for this long (instead of, or as well as, --count)",
		apply: func(o *Options, v string) (err error) { o.Duration, err = parseBurstDuration(v); return }},
	{name: "ssh", arg: "ADDR", env: "ZIPKIN_WORKSHOP_SSH", def: "127.0.0.1:2222", cmds: settings.Workshop,
		usage: "the SSH server's address (beyond loopback it needs --code)",
		apply: func(o *Options, v string) error { o.Workshop.SSH = strings.TrimSpace(v); return nil }},
	{name: "code", arg: "CODE", env: "ZIPKIN_WORKSHOP_CODE", def: "none", cmds: settings.Workshop,
		usage: "join code attendees type when ssh asks (password or join screen); required beyond loopback",
		apply: func(o *Options, v string) error { o.Workshop.Code = v; return nil }},
	{name: "max-attendees", arg: "N", def: "50", cmds: settings.Workshop,
		usage: "connections past it get one sentence and are closed",
		apply: func(o *Options, v string) (err error) { o.Workshop.MaxAttendees, err = parseCount(v); return }},
	{name: "host-key", arg: "FILE", def: "created in the user's config dir", cmds: settings.Workshop,
		usage: "the SSH host key (created 0600 on first run, reused after)",
		apply: func(o *Options, v string) error { o.Workshop.HostKey = v; return nil }},
	{name: "allow-duplicates", def: "off", cmds: settings.Workshop,
		usage: "let one name connect more than once (the next gets a suffix: ann-2)",
		apply: func(o *Options, v string) (err error) { o.Workshop.AllowDuplicates, err = parseSwitch(v); return }},
	{name: "load", arg: "FILE", cmds: settings.TUI,
		usage: "scenario to open: a file, or an embedded example such as checkout",
		apply: func(o *Options, v string) error { o.Load = v; return nil }},
	{name: "version", every: true,
		usage: "print the version and exit",
		apply: func(o *Options, v string) (err error) { o.Version, err = parseSwitch(v); return }},
	{name: "help", every: true,
		usage: "show this help (also -h)",
		apply: func(o *Options, v string) (err error) { o.Help, err = parseSwitch(v); return }},
}

// Limits of the burst flags: inside what a ticker and memory can hold.
const (
	maxCount         = 1000000
	minRate, maxRate = 0.001, 1000000.0
	maxBurstDuration = 24 * time.Hour
)

var (
	parseSwitch   = settings.ParseSwitch
	parseCount    = settings.ParseCount
	parseDuration = settings.ParseDuration
)

func parseBurstDuration(v string) (time.Duration, error) {
	d, err := parseDuration(v)
	if err == nil && (d < 0 || d > maxBurstDuration) {
		err = fmt.Errorf("must be between 0 and %s, got %s", maxBurstDuration, d)
	}
	return d, err
}

// parseRate refuses NaN, ±Inf and rates whose tick interval a ticker
// cannot hold (time.NewTicker panics on a non-positive interval).
func parseRate(v string) (float64, error) {
	r, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(r) || math.IsInf(r, 0) {
		return 0, fmt.Errorf("want a number of traces per second, got %q", v)
	}
	if r != 0 && (r < minRate || r > maxRate) {
		return 0, fmt.Errorf("must be 0 (as fast as delivery allows) or between %g and %g, got %g", minRate, maxRate, r)
	}
	return r, nil
}
