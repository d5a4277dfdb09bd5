package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
)

// commandSet is the commands a flag applies to.
type commandSet uint8

const (
	inTUI commandSet = 1 << iota
	inSend
	inCheck
	inReceive
	inWorkshop

	inSession = inTUI | inSend | inCheck | inShop // everything that builds a session
	inAll     = inSession | inReceive | inWorkshop
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
	cmds  commandSet
	apply func(o *Options, v string) error
	// applyEnv reads the environment variable when its form differs from
	// the flag's (ZIPKIN_HEADERS is ;-separated); nil means apply.
	applyEnv func(o *Options, v string) error
}

func (d flagDef) isSwitch() bool { return d.arg == "" }

// flagTable is every flag of SPEC.md's "Command line" table, plus the
// command-only ones (--count, --rate, --load, --version, --help).
var flagTable = []flagDef{
	{name: "endpoint", arg: "URL", env: "ZIPKIN_ENDPOINT", def: "embedded receiver", field: tracing.FieldEndpoint, cmds: inSession | inWorkshop,
		usage: "where spans are POSTed; empty or `local` = the embedded receiver",
		apply: func(o *Options, v string) error { o.Config.Endpoint = v; return nil }},
	{name: "listen", arg: "ADDR", env: "ZIPKIN_LISTEN", def: "127.0.0.1:9411, a free port if taken", field: tracing.FieldListen, cmds: inAll,
		usage: "address of the embedded receiver (given and taken: refused, exit 2)",
		apply: func(o *Options, v string) error { o.Config.Listen = v; return nil }},
	{name: "service", arg: "NAME", env: "ZIPKIN_SERVICE", def: "playground", field: tracing.FieldService, cmds: inSession,
		usage: "local endpoint service name",
		apply: func(o *Options, v string) error { o.Config.Service = v; return nil }},
	{name: "ip", arg: "ADDR", env: "ZIPKIN_IP", def: "first non-loopback IPv4, else 127.0.0.1", field: tracing.FieldIP, cmds: inSession,
		usage: "local endpoint IP (optionally IP:port); no host names",
		apply: func(o *Options, v string) error { o.Config.IP = v; return nil }},
	{name: "sampler", arg: "SPEC", env: "ZIPKIN_SAMPLER", def: "modulo:1", field: tracing.FieldSampler, cmds: inTUI | inSend | inShop,
		usage: "always, never, modulo:N, boundary:RATE, counting:RATE",
		apply: func(o *Options, v string) (err error) { o.Config.Sampler, err = tracing.ParseSamplerSpec(v); return }},
	{name: "b3", arg: "FORMAT", env: "ZIPKIN_B3", def: "multi", cmds: inTUI | inShop,
		usage: "B3 header view: multi, single or both",
		apply: func(o *Options, v string) (err error) { o.Config.B3, err = b3.ParseB3Format(v); return }},
	{name: "encoding", arg: "ENC", env: "ZIPKIN_ENCODING", def: "json (v1 when the path is /api/v1/spans)", field: tracing.FieldEncoding, cmds: inSession | inWorkshop,
		usage: "json (Zipkin v2 JSON), proto (Zipkin v2 proto3) or v1 (Zipkin v1 JSON, for /api/v1/spans)",
		apply: func(o *Options, v string) (err error) { o.Config.Encoding, err = outbox.ParseEncoding(v); return }},
	{name: "trace-id-128", env: "ZIPKIN_TRACE_ID_128", def: "off", cmds: inSession,
		usage: "128-bit trace IDs",
		apply: func(o *Options, v string) (err error) { o.Config.TraceID128, err = parseSwitch(v); return }},
	{name: "header", arg: "'Name: value'", env: "ZIPKIN_HEADERS", def: "none", field: tracing.FieldHeader, cmds: inSession | inWorkshop,
		usage:    "extra header on every POST (repeatable; the env variable is ;-separated)",
		apply:    addHeader,
		applyEnv: addHeaders},
	{name: "timeout", arg: "DUR", env: "ZIPKIN_TIMEOUT", def: "5s", field: tracing.FieldTimeout, cmds: inSession | inWorkshop,
		usage: "per request",
		apply: func(o *Options, v string) (err error) { o.Config.Timeout, err = parseDuration(v); return }},
	{name: "batch", arg: "N", def: "100 (500 in a burst)", field: tracing.FieldBatch, cmds: inTUI | inSend,
		usage: "spans per POST",
		apply: func(o *Options, v string) (err error) {
			o.Config.Batch, err = parseCount(v)
			o.BatchGiven = true
			return
		}},
	{name: "gzip", def: "off", cmds: inTUI | inSend,
		usage: "gzip the POST bodies (Content-Encoding: gzip; Zipkin, Jaeger and the embedded receiver read it)",
		apply: func(o *Options, v string) (err error) { o.Config.Gzip, err = parseSwitch(v); return }},
	{name: "reveal-secrets", def: "off", cmds: inSession,
		usage: "show tokens and header values unmasked",
		apply: func(o *Options, v string) (err error) { o.Config.RevealSecrets, err = parseSwitch(v); return }},
	{name: "json", def: "off", cmds: inSend | inCheck | inReceive,
		usage: "send/check: one JSON report on stdout; receive: one JSON line per span",
		apply: func(o *Options, v string) (err error) { o.JSON, err = parseSwitch(v); return }},
	{name: "verify", env: "ZIPKIN_VERIFY", def: "off (always on for the embedded receiver)", cmds: inSend | inCheck,
		usage: "read every trace back from a query API and compare it with what was sent",
		apply: func(o *Options, v string) (err error) { o.Config.Verify, err = parseSwitch(v); return }},
	{name: "query", arg: "URL", env: "ZIPKIN_QUERY", def: "the endpoint's origin", field: tracing.FieldQuery, cmds: inSession | inWorkshop,
		usage: "base URL of the query API used by --verify (Zipkin's or Jaeger's, detected)",
		apply: func(o *Options, v string) error { o.Config.Query = v; return nil }},
	{name: "verify-timeout", arg: "DUR", def: "10s", field: tracing.FieldVerifyTimeout, cmds: inSession | inWorkshop,
		usage: "how long to keep polling the query API for a trace",
		apply: func(o *Options, v string) (err error) { o.Config.VerifyTimeout, err = parseDuration(v); return }},
	{name: "retries", arg: "N", env: "ZIPKIN_RETRIES", def: "3", field: tracing.FieldRetries, cmds: inTUI | inSend,
		usage: "automatic retries of a batch that failed transiently, with backoff",
		apply: func(o *Options, v string) (err error) { o.Config.Retries, err = parseCount(v); return }},
	{name: "cacert", arg: "FILE", env: "ZIPKIN_CACERT", def: "system roots", cmds: inSession | inWorkshop,
		usage: "extra CA certificate(s), PEM, for an https endpoint",
		apply: func(o *Options, v string) error { o.Config.CACert = v; return nil }},
	{name: "insecure", def: "off", cmds: inSession | inWorkshop,
		usage: "skip TLS verification (prints a warning every time)",
		apply: func(o *Options, v string) (err error) { o.Config.Insecure, err = parseSwitch(v); return }},
	{name: "count", arg: "N", def: "0", cmds: inSend,
		usage: "burst: number of traces to build and send",
		apply: func(o *Options, v string) (err error) { o.Count, err = parseCount(v); return }},
	{name: "rate", arg: "N", def: "0 = as fast as delivery allows", cmds: inSend,
		usage: "burst: traces per second",
		apply: func(o *Options, v string) (err error) { o.Rate, err = parseRate(v); return }},
	{name: "duration", arg: "DUR", cmds: inSend,
		usage: "burst: keep sending at --rate for this long (instead of, or as well as, --count)",
		apply: func(o *Options, v string) (err error) { o.Duration, err = parseBurstDuration(v); return }},
	{name: "max-spans", arg: "N", env: "ZIPKIN_MAX_SPANS", def: "200000", field: tracing.FieldMaxSpans, cmds: inAll,
		usage: "embedded receiver: span budget; the oldest traces are evicted beyond it",
		apply: func(o *Options, v string) (err error) { o.Config.MaxSpans, err = parseCount(v); return }},
	{name: "shop", def: "off", cmds: inTUI,
		usage: "start the demo shop with the TUI (otherwise it starts on the first H)",
		apply: func(o *Options, v string) (err error) { o.Config.Shop, err = parseSwitch(v); return }},
	{name: "ssh", arg: "ADDR", env: "ZIPKIN_WORKSHOP_SSH", def: "127.0.0.1:2222", cmds: inWorkshop,
		usage: "the SSH server's address (beyond loopback it needs --code)",
		apply: func(o *Options, v string) error { o.Workshop.SSH = strings.TrimSpace(v); return nil }},
	{name: "code", arg: "CODE", env: "ZIPKIN_WORKSHOP_CODE", def: "none", cmds: inWorkshop,
		usage: "join code attendees type as their SSH password; required beyond loopback",
		apply: func(o *Options, v string) error { o.Workshop.Code = v; return nil }},
	{name: "max-attendees", arg: "N", def: "50", cmds: inWorkshop,
		usage: "connections past it get one sentence and are closed",
		apply: func(o *Options, v string) (err error) { o.Workshop.MaxAttendees, err = parseCount(v); return }},
	{name: "host-key", arg: "FILE", def: "created in the user's config dir", cmds: inWorkshop,
		usage: "the SSH host key (created 0600 on first run, reused after)",
		apply: func(o *Options, v string) error { o.Workshop.HostKey = v; return nil }},
	{name: "allow-duplicates", def: "off", cmds: inWorkshop,
		usage: "let one name connect more than once (the next gets a suffix: ann-2)",
		apply: func(o *Options, v string) (err error) { o.Workshop.AllowDuplicates, err = parseSwitch(v); return }},
	{name: "load", arg: "FILE", cmds: inTUI,
		usage: "scenario to open: a file, or an embedded example such as checkout",
		apply: func(o *Options, v string) error { o.Load = v; return nil }},
	{name: "version", cmds: inAll,
		usage: "print the version and exit",
		apply: func(o *Options, v string) (err error) { o.Version, err = parseSwitch(v); return }},
	{name: "help", cmds: inAll,
		usage: "show this help (also -h)",
		apply: func(o *Options, v string) (err error) { o.Help, err = parseSwitch(v); return }},
}

// Limits of the burst flags: inside what a ticker and memory can hold.
const (
	maxCount         = 1000000
	minRate, maxRate = 0.001, 1000000.0
	maxBurstDuration = 24 * time.Hour
)

func parseSwitch(v string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("want true or false, got %q", v)
	}
	return b, nil
}

// parseCount reads a whole number ≥ 0; the upper bounds are tracing's.
func parseCount(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("want a whole number, got %q", v)
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative, got %d", n)
	}
	return n, nil
}

func parseDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("want a duration such as 5s or 500ms, got %q", v)
	}
	return d, nil
}

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

func addHeader(o *Options, v string) error {
	h, err := tracing.ParseHeader(v)
	if err != nil {
		return err
	}
	o.Config.Headers = append(o.Config.Headers, h)
	return nil
}

func addHeaders(o *Options, v string) error {
	for _, part := range strings.Split(v, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if err := addHeader(o, part); err != nil {
			return err
		}
	}
	return nil
}
