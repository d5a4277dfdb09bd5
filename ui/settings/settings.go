// Package settings is the one table of the playground's session settings.
// Each row is a flag with its environment variable, default, validation,
// its row in the options dialog (or "fixed at start"), how the top bar shows
// it when it differs from the default, and how a running session applies a
// change. The command line (ui/cli) builds its flags, environment and usage
// from it; the TUI (ui) builds O, the top bar and its Reconfigure calls from
// it. It speaks flags, so it lives beside the interfaces; tracing stays
// flag-free.
package settings

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"zipkin-playground/tracing"
)

// Commands is a set of the program's commands: those that take a setting's
// flag. Each command is declared below, once, and has its own bit there, so
// no command picks a bit by hand and no two share one; ui/cli's command
// table gives each a row (a test there checks it).
type Commands uint16

// The commands, one bit each. A new command is a new line before
// endOfCommands.
const (
	TUI Commands = 1 << iota
	Send
	Check
	Receive
	Workshop
	Shop
	endOfCommands // not a command: the first bit no command has
)

// The sets the table uses.
const (
	// Declared is every command above.
	Declared = endOfCommands - 1
	// Session is the commands that build a session.
	Session = TUI | Send | Check | Shop
	// WithReceiver is the commands that may run the embedded receiver (a
	// session without --endpoint, receive, workshop): they take its flags.
	WithReceiver = Session | Receive | Workshop
)

// Edit is how the options dialog (O) changes a setting while the session
// runs. The zero value says the TUI does not take the flag.
type Edit uint8

// The ways O changes a setting.
const (
	NotInTUI Edit = iota // only headless commands take the flag
	Prompt               // typed text, read by Parse, applied with Session.Reconfigure
	Toggle               // a switch, flipped with Session.Reconfigure
	Choose               // one of Choices, applied with Session.Reconfigure
	Repeat               // a repeatable value (headers): one row per value, one to add
	OwnKey               // changed by its own key and dialog; O's row runs that key
	Fixed                // fixed at start: restart with the flag to change it
)

// Choice is one value a Choose setting offers, and what it means.
type Choice struct{ Value, Note string }

// Setting is one row of the table.
type Setting struct {
	Flag    string // without dashes
	Arg     string // the value's placeholder in usage; "" for a switch
	Env     string // environment variable, "" for none
	Default string // the default, as usage shows it
	Usage   string
	// Field is the tracing.ConfigError field the flag sets, so that a
	// library error can be told with the flag's name.
	Field    string
	Commands Commands
	// Parse reads the flag's text into c: the form (a number, a duration)
	// here, the range and the rest by tracing.Config.Validate.
	Parse func(c *tracing.Config, v string) error
	// ParseEnv reads the environment variable when its form differs from
	// the flag's (ZIPKIN_HEADERS is ;-separated); nil means Parse.
	ParseEnv func(c *tracing.Config, v string) error

	// Name and About are the O row: what the setting is, and from when a
	// change applies to the running session.
	Name, About string
	Edit        Edit
	Choices     []Choice
	// Value is the setting's value as O shows it (secrets are masked by the
	// caller, at view time).
	Value func(c tracing.Config) string
	// Top labels the setting's own place in the top bar ("" for none).
	Top string
	// Changed is how the top bar's "set" list shows a value other than the
	// default, "" for the default; nil when the setting has its own place
	// there (Top) or is fixed.
	Changed func(c, def tracing.Config) string
	// Locked says a workshop attendee may not change it (nor see it): it
	// says where the presenter's spans go, or shows a secret.
	Locked bool
	// Example is a valid value other than the default: tests apply it.
	Example string
}

// IsSwitch reports a flag that takes no value.
func (s Setting) IsSwitch() bool { return s.Arg == "" }

// Table is every setting, in the order of usage, O and the top bar.
func Table() []Setting { return table }

// Lookup is the setting of flag name.
func Lookup(name string) (Setting, bool) {
	for _, s := range table {
		if s.Flag == name {
			return s, true
		}
	}
	return Setting{}, false
}

// Changed lists, briefly, each setting of c that differs from def: the top
// bar's "set" list.
func Changed(c, def tracing.Config) []string {
	var out []string
	for _, s := range table {
		if s.Changed == nil {
			continue
		}
		if text := s.Changed(c, def); text != "" {
			out = append(out, text)
		}
	}
	return out
}

// OnOff is how a switch shows.
func OnOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// ParseSwitch reads a switch's value as the flag package does.
func ParseSwitch(v string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return false, fmt.Errorf("want true or false, got %q", v)
	}
	return b, nil
}

// ParseCount reads a whole number ≥ 0; the upper bounds are tracing's.
func ParseCount(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("want a whole number, got %q", v)
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative, got %d", n)
	}
	return n, nil
}

// ParseDuration reads a duration with the command line's words.
func ParseDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("want a duration such as 5s or 500ms, got %q", v)
	}
	return d, nil
}

// switchRow is a setting that is on or off: field points at it in a Config.
func switchRow(s Setting, field func(*tracing.Config) *bool) Setting {
	s.Parse = func(c *tracing.Config, v string) (err error) { *field(c), err = ParseSwitch(v); return }
	s.Value = func(c tracing.Config) string { return OnOff(*field(&c)) }
	s.Example = "true"
	if s.Default == "" {
		s.Default = "off"
	}
	return s
}

// shownWhenOn is a switch's Changed: text while it is on (every switch is
// off by default).
func shownWhenOn(text string, field func(*tracing.Config) *bool) func(c, def tracing.Config) string {
	return func(c, _ tracing.Config) string {
		if *field(&c) {
			return text
		}
		return ""
	}
}

// shownWhen is a Changed that shows format with the value when differs.
func shownWhen[T comparable](format string, field func(tracing.Config) T) func(c, def tracing.Config) string {
	return func(c, def tracing.Config) string {
		if v := field(c); v != field(def) {
			return fmt.Sprintf(format, v)
		}
		return ""
	}
}
