package settings

import (
	"fmt"
	"strconv"
	"strings"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// table is every setting. Its order is usage's, O's (rows changed by their
// own key and fixed rows go last there) and the top bar's.
var table = []Setting{
	{Flag: "endpoint", Arg: "URL", Env: "ZIPKIN_ENDPOINT", Default: "embedded receiver", Field: tracing.FieldEndpoint, Locked: true, Commands: Session | Workshop,
		Usage: "where spans are POSTed; empty or `local` = the embedded receiver",
		Parse: func(c *tracing.Config, v string) error { c.Endpoint = v; return nil },
		Name:  "endpoint", About: "where spans are POSTed", Edit: OwnKey, Top: "endpoint",
		Value: func(c tracing.Config) string {
			if secret.IsLocalSpec(c.Endpoint) {
				return "embedded receiver"
			}
			return c.Endpoint
		}},
	{Flag: "sampler", Arg: "SPEC", Env: "ZIPKIN_SAMPLER", Default: "modulo:1", Field: tracing.FieldSampler, Commands: TUI | Send | Shop,
		Usage: "always, never, modulo:N, boundary:RATE, counting:RATE",
		Parse: func(c *tracing.Config, v string) (err error) { c.Sampler, err = tracing.ParseSamplerSpec(v); return },
		Name:  "sampler", About: "zipkin-go's samplers, for new traces", Edit: OwnKey, Top: "sampler",
		Value: func(c tracing.Config) string { return c.Sampler.String() }},
	{Flag: "encoding", Arg: "ENC", Env: "ZIPKIN_ENCODING", Default: encodingDefault(), Field: tracing.FieldEncoding, Commands: Session | Workshop,
		Usage: encodingList(),
		Parse: func(c *tracing.Config, v string) (err error) { c.Encoding, err = wire.Parse(v); return },
		Name:  "encoding", Edit: Choose, Top: "enc", Value: encodingValue, Example: "proto",
		About: "how the next flush serializes: " + encodingList(), Choices: encodingChoices()},
	switchRow(Setting{Flag: "trace-id-128", Env: "ZIPKIN_TRACE_ID_128", Commands: Session, Usage: "128-bit trace IDs",
		Name: "128-bit trace IDs", About: "trace IDs of 32 hex digits instead of 16, for traces started from now on", Edit: Toggle,
		Changed: shownWhenOn("128-bit IDs", traceID128)}, traceID128),
	{Flag: "header", Arg: "'Name: value'", Env: "ZIPKIN_HEADERS", Default: "none", Field: tracing.FieldHeader, Locked: true, Commands: Session | Workshop,
		Usage: "extra header on every POST (repeatable; the env variable is ;-separated)",
		Parse: addHeader, ParseEnv: addHeaders,
		Name: "header", About: "sent on every POST from now on; its value is masked on screen", Edit: Repeat,
		Value:   func(c tracing.Config) string { return strconv.Itoa(len(c.Headers)) },
		Example: "X-Api-Key: s3cr3t",
		Changed: func(c, _ tracing.Config) string {
			switch n := len(c.Headers); n {
			case 0:
				return ""
			case 1:
				return "1 header"
			default:
				return fmt.Sprintf("%d headers", n)
			}
		}},
	{Flag: "batch", Arg: "N", Default: "100 (500 in a burst)", Field: tracing.FieldBatch, Commands: TUI | Send,
		Usage: "spans per POST",
		Parse: func(c *tracing.Config, v string) (err error) { c.Batch, err = wholeNumber(v); return },
		Name:  "batch size", About: "spans per POST, from the next flush", Edit: Prompt, Example: "7",
		Value:   func(c tracing.Config) string { return strconv.Itoa(c.Batch) },
		Changed: shownWhen("batch %d", func(c tracing.Config) int { return c.Batch })},
	{Flag: "timeout", Arg: "DUR", Env: "ZIPKIN_TIMEOUT", Default: "5s", Field: tracing.FieldTimeout, Commands: Session | Workshop,
		Usage: "per request",
		Parse: func(c *tracing.Config, v string) (err error) { c.Timeout, err = ParseDuration(v); return },
		Name:  "timeout", About: "how long one POST may take, from the next flush", Edit: Prompt, Example: "2s",
		Value:   func(c tracing.Config) string { return c.Timeout.String() },
		Changed: shownWhen("timeout %s", func(c tracing.Config) string { return c.Timeout.String() })},
	{Flag: "retries", Arg: "N", Env: "ZIPKIN_RETRIES", Default: "3", Field: tracing.FieldRetries, Commands: TUI | Send,
		Usage: "automatic retries of a batch that failed transiently, with backoff",
		Parse: func(c *tracing.Config, v string) (err error) { c.Retries, err = wholeNumber(v); return },
		Name:  "retries", Edit: Prompt, Example: "5",
		About:   "a flush retries a batch that failed transiently (refused, reset, timeout, 429, 5xx) this many times, with backoff",
		Value:   func(c tracing.Config) string { return strconv.Itoa(c.Retries) },
		Changed: shownWhen("retries %d", func(c tracing.Config) int { return c.Retries })},
	switchRow(Setting{Flag: "gzip", Commands: TUI | Send | Shop,
		Usage: "gzip the POST bodies (Content-Encoding: gzip; Zipkin, Jaeger and the embedded receiver read it)",
		Name:  "gzip", About: "gzip the POST bodies (Content-Encoding: gzip), from the next flush", Edit: Toggle,
		Changed: shownWhenOn("gzip", gzipField)}, gzipField),
	{Flag: "query", Arg: "URL", Env: "ZIPKIN_QUERY", Default: "the endpoint's origin", Field: tracing.FieldQuery, Locked: true, Commands: Session | Workshop,
		Usage: "base URL of the query API used by --verify (Zipkin's or Jaeger's, detected)",
		Parse: setQuery, Name: "query URL", Edit: Prompt, Example: "http://127.0.0.1:16686",
		About: "base URL of the query API that verification reads traces back from; - for the endpoint's origin",
		Value: func(c tracing.Config) string {
			if c.Query == "" {
				return "the endpoint's origin"
			}
			return c.Query
		},
		Changed: func(c, _ tracing.Config) string {
			if c.Query == "" {
				return ""
			}
			return "query " + secret.MaskURL(c.Query)
		}},
	{Flag: "verify-timeout", Arg: "DUR", Default: "10s", Field: tracing.FieldVerifyTimeout, Commands: Session | Workshop,
		Usage: "how long to keep polling the query API for a trace",
		Parse: func(c *tracing.Config, v string) (err error) { c.VerifyTimeout, err = ParseDuration(v); return },
		Name:  "verify timeout", About: "how long verification polls the query API for a trace", Edit: Prompt, Example: "3s",
		Value:   func(c tracing.Config) string { return c.VerifyTimeout.String() },
		Changed: shownWhen("verify timeout %s", func(c tracing.Config) string { return c.VerifyTimeout.String() })},
	{Flag: "service", Arg: "NAME", Env: "ZIPKIN_SERVICE", Default: "playground", Field: tracing.FieldService, Locked: true, Commands: Session,
		Usage: "local endpoint service name",
		Parse: func(c *tracing.Config, v string) error { c.Service = strings.TrimSpace(v); return nil },
		Name:  "service", About: "the local endpoint's service name of spans started from now on", Edit: Prompt, Top: "service",
		Value: func(c tracing.Config) string { return c.Service }, Example: "checkout"},
	{Flag: "ip", Arg: "ADDR", Env: "ZIPKIN_IP", Default: "first non-loopback IPv4, else 127.0.0.1", Field: tracing.FieldIP, Commands: Session,
		Usage: "local endpoint IP (optionally IP:port); no host names",
		Parse: func(c *tracing.Config, v string) error { c.IP = strings.TrimSpace(v); return nil },
		Name:  "ip", About: "the local endpoint's IP (optionally IP:port) of spans started from now on", Edit: Prompt,
		Value: func(c tracing.Config) string { return c.IP }, Example: "10.0.0.7"},
	{Flag: "b3", Arg: "FORMAT", Env: "ZIPKIN_B3", Default: "multi", Commands: TUI | Shop,
		Usage: "B3 header view: multi, single or both",
		Parse: func(c *tracing.Config, v string) (err error) { c.B3, err = b3.ParseFormat(v); return },
		Name:  "B3 view", About: "the propagation headers shown for the selected span", Edit: OwnKey, Top: "B3",
		Value: func(c tracing.Config) string { return c.B3.String() }},
	switchRow(Setting{Flag: "reveal-secrets", Locked: true, Commands: Session, Usage: "show tokens and header values unmasked",
		Name: "reveal secrets", About: "show tokens and header values unmasked", Edit: OwnKey}, revealSecrets),
	switchRow(Setting{Flag: "shop", Commands: TUI, Usage: "start the demo shop with the TUI (otherwise it starts on the first H)",
		Name: "demo shop at start", About: "the demo shop starts with the playground, or on the first call to it", Edit: Fixed}, shopField),
	switchRow(Setting{Flag: "verify", Env: "ZIPKIN_VERIFY", Default: "off (always on for the embedded receiver)", Commands: Send | Check,
		Usage: "read every trace back from a query API and compare it with what was sent"}, verifyField),
	{Flag: "listen", Arg: "ADDR", Env: "ZIPKIN_LISTEN", Default: "127.0.0.1:9411, a free port if taken", Field: tracing.FieldListen, Locked: true, Commands: WithReceiver,
		Usage: "address of the embedded receiver (given and taken: refused, exit 2)",
		Parse: func(c *tracing.Config, v string) error { c.Listen = v; return nil },
		Name:  "listen", About: "the embedded receiver's address", Edit: Fixed, Example: "127.0.0.1:0",
		Value: func(c tracing.Config) string {
			if c.Listen == "" {
				return receiver.DefaultListen
			}
			return c.Listen
		}},
	{Flag: "cacert", Arg: "FILE", Env: "ZIPKIN_CACERT", Default: "system roots", Locked: true, Commands: Session | Workshop,
		Usage: "extra CA certificate(s), PEM, for an https endpoint",
		Parse: func(c *tracing.Config, v string) error { c.CACert = v; return nil },
		Name:  "CA certificates", About: "extra CA certificates for an https endpoint", Edit: Fixed, Example: "ca.pem",
		Value: func(c tracing.Config) string {
			if c.CACert == "" {
				return "system roots"
			}
			return c.CACert
		}},
	switchRow(Setting{Flag: "insecure", Locked: true, Commands: Session | Workshop, Usage: "skip TLS verification (prints a warning every time)",
		Name: "TLS not verified", About: "skips TLS verification", Edit: Fixed,
		Changed: shownWhenOn("TLS not verified", insecureField)}, insecureField),
	{Flag: "max-spans", Arg: "N", Env: "ZIPKIN_MAX_SPANS", Default: "200000", Field: tracing.FieldMaxSpans, Locked: true, Commands: WithReceiver,
		Usage: "embedded receiver: span budget; the oldest traces are evicted beyond it",
		Parse: func(c *tracing.Config, v string) (err error) { c.MaxSpans, err = ParseCount(v); return },
		Name:  "max spans", About: "the embedded receiver's span budget", Edit: Fixed, Example: "7",
		Value: func(c tracing.Config) string { return strconv.Itoa(c.MaxSpans) }},
	{Flag: "max-bytes", Arg: "SIZE", Env: "ZIPKIN_MAX_BYTES", Default: "256MiB", Field: tracing.FieldMaxBytes, Locked: true, Commands: WithReceiver,
		Usage: "embedded receiver: byte budget (what its spans hold: tags, annotations…); the oldest traces are evicted beyond it",
		Parse: func(c *tracing.Config, v string) (err error) { c.MaxBytes, err = ParseSize(v); return },
		Name:  "max bytes", About: "the embedded receiver's byte budget", Edit: Fixed, Example: "64MiB",
		Value: func(c tracing.Config) string { return strconv.Itoa(c.MaxBytes) }},
}

func traceID128(c *tracing.Config) *bool    { return &c.TraceID128 }
func gzipField(c *tracing.Config) *bool     { return &c.Gzip }
func revealSecrets(c *tracing.Config) *bool { return &c.RevealSecrets }
func verifyField(c *tracing.Config) *bool   { return &c.Verify }
func insecureField(c *tracing.Config) *bool { return &c.Insecure }
func shopField(c *tracing.Config) *bool     { return &c.Shop }

// wholeNumber reads a whole number; its range is tracing.Config.Validate's,
// which names the bounds.
func wholeNumber(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("want a whole number, got %q", v)
	}
	return n, nil
}

// setQuery reads the query URL; "-" goes back to the endpoint's origin.
func setQuery(c *tracing.Config, v string) error {
	if c.Query = strings.TrimSpace(v); c.Query == "-" {
		c.Query = ""
	}
	return nil
}

func addHeader(c *tracing.Config, v string) error {
	h, err := tracing.ParseHeader(v)
	if err != nil {
		return err
	}
	c.Headers = append(c.Headers, h)
	return nil
}

func addHeaders(c *tracing.Config, v string) error {
	for _, part := range strings.Split(v, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if err := addHeader(c, part); err != nil {
			return err
		}
	}
	return nil
}
