package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"zipkin-playground/tracing"
)

// Options is everything the command line says: the session configuration
// plus what only a command uses.
type Options struct {
	Config tracing.Config
	// JSON asks send/check for one JSON report, receive for JSON lines.
	JSON bool
	// Count and Rate are send's burst mode: Count traces at Rate per second
	// (0 = as fast as delivery allows).
	Count int
	Rate  float64
	// Load is a scenario file to replay (send's FILE, or --load in the TUI).
	Load string
	// Version and Help short-circuit everything else.
	Version bool
	Help    bool
}

// errUsage marks configuration errors (exit status 2).
var errUsage = errors.New("usage")

// usageError is a bad flag or value; exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// headerList is the repeatable --header flag.
type headerList struct{ headers *[]tracing.Header }

func (h headerList) String() string { return "" }
func (h headerList) Set(s string) error {
	hd, err := tracing.ParseHeader(s)
	if err != nil {
		return err
	}
	*h.headers = append(*h.headers, hd)
	return nil
}

// valueFunc adapts a parse function to flag.Value.
type valueFunc func(string) error

func (f valueFunc) String() string     { return "" }
func (f valueFunc) Set(s string) error { return f(s) }

// ParseArgs reads the environment first, then the flags (flags win). args do
// not include the command name. The returned positional arguments are what
// follows the flags.
func ParseArgs(cmd string, args []string, getenv func(string) string, usage io.Writer) (Options, []string, error) {
	opts := Options{Config: tracing.DefaultConfig()}
	cfg := &opts.Config
	if err := applyEnv(cfg, getenv); err != nil {
		return opts, nil, err
	}
	fs := flag.NewFlagSet(commandName(cmd), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.Endpoint, "endpoint", cfg.Endpoint, "where spans are POSTed; empty or `local` = the embedded receiver")
	fs.StringVar(&cfg.Listen, "listen", cfg.Listen, "address of the embedded receiver (a free port if taken)")
	fs.StringVar(&cfg.Service, "service", cfg.Service, "local endpoint service name")
	fs.StringVar(&cfg.IP, "ip", cfg.IP, "local endpoint IP (optionally :port)")
	fs.Var(valueFunc(func(s string) (err error) { cfg.Sampler, err = tracing.ParseSamplerSpec(s); return }), "sampler",
		"always, never, modulo:N, boundary:RATE, counting:RATE (default modulo:1)")
	fs.Var(valueFunc(func(s string) (err error) { cfg.B3, err = tracing.ParseB3Format(s); return }), "b3",
		"B3 view: multi, single, both or grpc (default multi)")
	fs.Var(valueFunc(func(s string) (err error) { cfg.Encoding, err = tracing.ParseEncoding(s); return }), "encoding",
		"json (Zipkin v2 JSON) or proto (Zipkin v2 proto3) (default json)")
	fs.BoolVar(&cfg.TraceID128, "trace-id-128", cfg.TraceID128, "128-bit trace IDs")
	fs.Var(headerList{&cfg.Headers}, "header", "extra `'Name: value'` header on every POST (repeatable)")
	fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "per request")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "spans per POST")
	fs.BoolVar(&cfg.RevealSecrets, "reveal-secrets", false, "show tokens and header values unmasked")
	fs.BoolVar(&opts.JSON, "json", false, "send/check: one JSON report on stdout; receive: one JSON line per span")
	fs.IntVar(&opts.Count, "count", 0, "send: number of traces for a burst")
	fs.Float64Var(&opts.Rate, "rate", 0, "send: traces per second in a burst (0 = as fast as delivery allows)")
	fs.StringVar(&opts.Load, "load", "", "scenario file to load")
	fs.BoolVar(&opts.Version, "version", false, "print the version")
	fs.BoolVar(&opts.Help, "help", false, "show this help")
	fs.BoolVar(&opts.Help, "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return opts, nil, usagef("%s", strings.TrimPrefix(err.Error(), "invalid value "))
	}
	if opts.Help {
		printUsage(usage, cmd, fs)
		return opts, fs.Args(), nil
	}
	if opts.Count < 0 || opts.Rate < 0 {
		return opts, nil, usagef("--count and --rate must not be negative")
	}
	if err := cfg.Validate(); err != nil {
		return opts, nil, usagef("%s", err)
	}
	return opts, fs.Args(), nil
}

func commandName(cmd string) string {
	if cmd == "" {
		return "zipkin-playground"
	}
	return "zipkin-playground " + cmd
}

// applyEnv reads the ZIPKIN_* variables of SPEC.md.
func applyEnv(cfg *tracing.Config, getenv func(string) string) error {
	var err error
	set := func(name string, apply func(string) error) {
		if v := getenv(name); v != "" && err == nil {
			if e := apply(v); e != nil {
				err = usagef("%s: %v", name, e)
			}
		}
	}
	set("ZIPKIN_ENDPOINT", func(v string) error { cfg.Endpoint = v; return nil })
	set("ZIPKIN_LISTEN", func(v string) error { cfg.Listen = v; return nil })
	set("ZIPKIN_SERVICE", func(v string) error { cfg.Service = v; return nil })
	set("ZIPKIN_IP", func(v string) error { cfg.IP = v; return nil })
	set("ZIPKIN_SAMPLER", func(v string) (e error) { cfg.Sampler, e = tracing.ParseSamplerSpec(v); return })
	set("ZIPKIN_B3", func(v string) (e error) { cfg.B3, e = tracing.ParseB3Format(v); return })
	set("ZIPKIN_ENCODING", func(v string) (e error) { cfg.Encoding, e = tracing.ParseEncoding(v); return })
	set("ZIPKIN_TRACE_ID_128", func(v string) (e error) { cfg.TraceID128, e = strconv.ParseBool(v); return })
	set("ZIPKIN_TIMEOUT", func(v string) (e error) { cfg.Timeout, e = time.ParseDuration(v); return })
	set("ZIPKIN_HEADERS", func(v string) error {
		for _, part := range strings.Split(v, ";") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			h, e := tracing.ParseHeader(part)
			if e != nil {
				return e
			}
			cfg.Headers = append(cfg.Headers, h)
		}
		return nil
	})
	return err
}

func printUsage(w io.Writer, cmd string, fs *flag.FlagSet) {
	fmt.Fprint(w, usageText)
	fmt.Fprintf(w, "\nFlags of %s:\n", commandName(cmd))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

const usageText = `zipkin-playground: a terminal tracing playground for Zipkin.

  zipkin-playground [flags]               interactive TUI
  zipkin-playground send [flags] [FILE]   build the demo trace (or replay scenario FILE), flush, report
  zipkin-playground check [flags]         probe the endpoint with an empty span list and diagnose the answer
  zipkin-playground receive [flags]       run the embedded receiver alone, print each arriving span
  zipkin-playground --version | --help

Environment: ZIPKIN_ENDPOINT, ZIPKIN_LISTEN, ZIPKIN_SERVICE, ZIPKIN_IP, ZIPKIN_SAMPLER,
ZIPKIN_B3, ZIPKIN_ENCODING, ZIPKIN_TRACE_ID_128, ZIPKIN_HEADERS (;-separated), ZIPKIN_TIMEOUT.
Exit status of send and check: 0 delivered / healthy, 1 delivery failed / unhealthy, 2 bad usage.
`
