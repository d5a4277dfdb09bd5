package ui

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// optionRow is one line of the options dialog: a setting that is also a
// flag, its value as shown now, and what enter does. A row with set opens a
// prompt whose text set parses into a configuration (the flag's own words
// for a bad number or duration; the range and form are checked by
// tracing.Config.Validate, as for the flag). A row with act does it at once
// (a toggle, a list, another key's dialog).
type optionRow struct {
	name, flag string
	about      string // what it is, and from when a change applies
	value      func(*Model) string
	set        func(text string, c *tracing.Config) error
	act        func(*Model, *optionsDialog) tea.Cmd
	remove     func(*Model) tea.Cmd // d: headers only
}

// optionRows are the rows, in order: delivery settings, identity, headers
// (one row each, then "add"), and the settings other keys change.
func optionRows(m *Model) []optionRow {
	rows := []optionRow{
		{name: "encoding", flag: "--encoding", value: encodingValue, act: (*Model).chooseEncoding,
			about: "how the next flush serializes: json (Zipkin v2 JSON), proto (Zipkin v2 proto3) or v1 (Zipkin v1 JSON, /api/v1/spans only)"},
		{name: "128-bit trace IDs", flag: "--trace-id-128", value: func(m *Model) string { return onOff(m.session.Config().TraceID128) },
			act:   (*Model).toggleTraceID128,
			about: "trace IDs of 32 hex digits instead of 16, for traces started from now on"},
		{name: "batch size", flag: "--batch", value: func(m *Model) string { return strconv.Itoa(m.session.Config().Batch) },
			set:   func(s string, c *tracing.Config) (err error) { c.Batch, err = wholeNumber(s); return },
			about: "spans per POST, from the next flush"},
		{name: "timeout", flag: "--timeout", value: func(m *Model) string { return m.session.Config().Timeout.String() },
			set:   func(s string, c *tracing.Config) (err error) { c.Timeout, err = duration(s); return },
			about: "how long one POST may take, from the next flush"},
		{name: "retries", flag: "--retries", value: func(m *Model) string { return strconv.Itoa(m.session.Config().Retries) },
			set:   func(s string, c *tracing.Config) (err error) { c.Retries, err = wholeNumber(s); return },
			about: "F retries a batch that failed transiently (refused, reset, timeout, 429, 5xx) this many times, with backoff; esc stops"},
		{name: "query URL", flag: "--query", value: queryValue,
			set:   setQuery,
			about: "base URL of the query API that verification reads traces back from; - for the endpoint's origin"},
		{name: "verify timeout", flag: "--verify-timeout", value: func(m *Model) string { return m.session.Config().VerifyTimeout.String() },
			set:   func(s string, c *tracing.Config) (err error) { c.VerifyTimeout, err = duration(s); return },
			about: "how long verification polls the query API for a trace"},
		{name: "service", flag: "--service", value: func(m *Model) string { return m.session.Config().Service },
			set:   func(s string, c *tracing.Config) error { c.Service = strings.TrimSpace(s); return nil },
			about: "the local endpoint's service name of spans started from now on"},
		{name: "ip", flag: "--ip", value: func(m *Model) string { return m.session.Config().IP },
			set:   func(s string, c *tracing.Config) error { c.IP = strings.TrimSpace(s); return nil },
			about: "the local endpoint's IP (optionally IP:port) of spans started from now on"},
	}
	rows = append(rows, headerRows(m)...)
	return m.policy.restrictRows(append(rows, shortcutRows()...))
}

// headerRows are one row per extra header (value masked unless revealed;
// enter changes it, d removes it) and one to add a header.
func headerRows(m *Model) []optionRow {
	var rows []optionRow
	for i, h := range m.session.Config().Headers {
		rows = append(rows, optionRow{
			name: "header " + h.Name, flag: "--header",
			value: func(m *Model) string {
				if m.reveal {
					return h.Value
				}
				return secret.MaskText
			},
			act:    func(m *Model, d *optionsDialog) tea.Cmd { return m.headerValuePrompt(d, h.Name, i) },
			remove: func(m *Model) tea.Cmd { return m.removeHeader(i) },
			about:  "sent on every POST; enter changes the value, d removes the header",
		})
	}
	return append(rows, optionRow{name: "+ add a header", flag: "--header", value: func(*Model) string { return "" },
		act: (*Model).headerNamePrompt, about: "an extra header on every POST (e.g. Authorization); its value is masked on screen"})
}

// shortcutRows are settings other keys change, listed so that every flag is
// reachable from here.
func shortcutRows() []optionRow {
	return []optionRow{
		{name: "sampler", flag: "--sampler", value: func(m *Model) string { return m.session.Config().Sampler.String() },
			act:   func(m *Model, _ *optionsDialog) tea.Cmd { return m.pickSampler() },
			about: "S: zipkin-go's samplers, for new traces"},
		{name: "endpoint", flag: "--endpoint", value: func(m *Model) string { return m.session.Endpoint().Display(m.reveal) },
			act:   func(m *Model, _ *optionsDialog) tea.Cmd { return m.editEndpoint() },
			about: "E: where spans are POSTed"},
		{name: "B3 view", flag: "--b3", value: func(m *Model) string { return m.headers.format.String() },
			act:   func(m *Model, d *optionsDialog) tea.Cmd { m.cycleB3(); return m.reopen(d) },
			about: "b: the propagation headers shown for the selected span"},
		{name: "reveal secrets", flag: "--reveal-secrets", value: func(m *Model) string { return onOff(m.reveal) },
			act:   func(m *Model, d *optionsDialog) tea.Cmd { m.toggleReveal(); return m.reopen(d) },
			about: "v: show tokens and header values unmasked"},
		{name: "fixed at start", flag: "--listen --cacert --insecure --max-spans", value: fixedValue,
			act: func(m *Model, d *optionsDialog) tea.Cmd {
				m.setErrorText("the receiver's address and span budget and the TLS settings are set when the playground starts: restart with the flag")
				return m.reopen(d)
			},
			about: "set when the playground starts (restart with the flag to change them)"},
	}
}

func encodingValue(m *Model) string {
	enc := m.session.Outbox().Encoding()
	if enc == outbox.EncodingV1 && tracing.IsV1Path(m.session.Config().Endpoint) {
		return "v1 (the /api/v1/spans path)"
	}
	return string(enc)
}

func queryValue(m *Model) string {
	q := m.session.Config().Query
	switch {
	case q == "":
		return "the endpoint's origin"
	case m.reveal:
		return q
	}
	return secret.MaskURL(q)
}

func fixedValue(m *Model) string {
	cfg := m.session.Config()
	tls := "system roots"
	if cfg.CACert != "" {
		tls = "CA " + cfg.CACert
	}
	if cfg.Insecure {
		tls = "not verified"
	}
	listen := cfg.Listen
	if listen == "" {
		listen = receiver.DefaultListen
	}
	return fmt.Sprintf("listen %s · TLS %s · max spans %d", listen, tls, cfg.MaxSpans)
}

// setQuery reads the query URL; "-" goes back to the endpoint's origin.
func setQuery(s string, c *tracing.Config) error {
	if c.Query = strings.TrimSpace(s); c.Query == "-" {
		c.Query = ""
	}
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// wholeNumber and duration read a typed value with the command line's words.
func wholeNumber(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("want a whole number, got %q", s)
	}
	return n, nil
}

func duration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("want a duration such as 5s or 500ms, got %q", s)
	}
	return d, nil
}

// defaultConfig is tracing.DefaultConfig, made once: it lists the network
// interfaces (the default IP), which a frame must not do.
var defaultConfig = sync.OnceValue(tracing.DefaultConfig)

// nonDefaultSettings names, briefly, each option that differs from its
// default (the top bar shows them; the endpoint, sampler, encoding and B3
// view have their own place there).
func nonDefaultSettings(cfg tracing.Config) []string {
	def := defaultConfig()
	var out []string
	add := func(differs bool, format string, args ...any) {
		if differs {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	add(cfg.TraceID128, "128-bit IDs")
	add(len(cfg.Headers) > 0, "%s", plural(len(cfg.Headers), "header"))
	add(cfg.Batch != def.Batch, "batch %d", cfg.Batch)
	add(cfg.Timeout != def.Timeout, "timeout %s", cfg.Timeout)
	add(cfg.Retries != def.Retries, "retries %d", cfg.Retries)
	add(cfg.Query != "", "query %s", secret.MaskURL(cfg.Query))
	add(cfg.VerifyTimeout != def.VerifyTimeout, "verify timeout %s", cfg.VerifyTimeout)
	add(cfg.Insecure, "TLS not verified")
	return out
}
