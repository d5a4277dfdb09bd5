package tracing

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"strings"
	"time"

	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
	"zipkin-playground/tracing/zipkinv1"
)

// V1Path is where Zipkin's collector takes v1 spans.
const V1Path = zipkinv1.Path

// SpansPath is the collector path (wire.SpanPaths) an endpoint URL posts
// to: "" for the embedded receiver and for a path that ends in none.
func SpansPath(endpoint string) string {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || secret.IsLocalSpec(endpoint) {
		return ""
	}
	return wire.PathOf(u.Path)
}

// EncodingFor is the encoding for endpoint: enc when it was chosen
// explicitly, else the one its path takes by default (v1 for a v1 path, json
// otherwise). note is set when the path chose for the person, so an
// interface can show it. An explicit encoding the path does not take is
// refused: Zipkin answers 400, and Jaeger and collectors that accept it store
// "unknown-service" with no tags.
func EncodingFor(endpoint string, enc outbox.Encoding, explicit bool) (chosen outbox.Encoding, note string, err error) {
	path, fallback := SpansPath(endpoint), wire.SendCodecs()[0]
	if !explicit {
		if path == "" {
			return fallback.Name, "", nil
		}
		def := wire.ForPath(path)[0]
		if def.Name == fallback.Name {
			return def.Name, "", nil
		}
		return def.Name, "the path is " + path + ": sending " + def.Title, nil
	}
	if enc == "" {
		enc = fallback.Name
	}
	if c := enc.Codec(); path != "" && !c.Accepts(path) {
		return enc, "", wrongPath(c, path)
	}
	return enc, "", nil
}

// isPathDefault reports whether enc is what some path sends when nothing
// else is chosen (json, v1): a new endpoint's path may then choose again.
func isPathDefault(enc outbox.Encoding) bool {
	for _, p := range wire.SpanPaths() {
		if cs := wire.ForPath(p); enc == "" || len(cs) > 0 && cs[0].Name == enc {
			return true
		}
	}
	return false
}

// wrongPath is the error of an encoding sent where a collector does not take
// it, with the two ways out.
func wrongPath(c wire.Codec, path string) error {
	return configErr(FieldEncoding, "%s is %s, which %s does not take (Zipkin answers 400; a collector that accepts it stores it wrong): use %s, or the %s path",
		c.Name, c.Title, path, wire.EncodingNames(wire.ForPath(path)), c.Paths[0])
}

// Config is everything a session needs; the zero value is not valid, start
// from DefaultConfig.
type Config struct {
	// Endpoint is the collector URL as given; "" or "local" is the embedded receiver.
	Endpoint string
	// Listen is the embedded receiver's address; "" is DefaultListen, which
	// moves to a free port when taken (an address given is kept or refused).
	Listen        string
	Service       string
	IP            string
	Sampler       SamplerSpec
	B3            b3.Format
	Encoding      outbox.Encoding
	TraceID128    bool
	Headers       []secret.Header
	Timeout       time.Duration
	Batch         int
	RevealSecrets bool
	// Retries is how often `send` retries a batch that failed transiently.
	Retries int
	// CACert is a PEM file of extra CA certificates for an https endpoint.
	CACert string
	// Insecure skips TLS verification (always warned about).
	Insecure bool
	// Verify reads delivered traces back from the query API.
	Verify bool
	// Query is the query API's base URL; "" is the endpoint's origin.
	Query string
	// VerifyTimeout is how long verification polls for a trace.
	VerifyTimeout time.Duration
	// MaxSpans is the embedded receiver's span budget.
	MaxSpans int
	// MaxBytes is the embedded receiver's byte budget: what its spans hold.
	MaxBytes int
	// Gzip compresses the POST bodies (Content-Encoding: gzip).
	Gzip bool
	// Shop starts the demo shop with the interactive playground.
	Shop bool
}

// DefaultConfig is the configuration with no flags and no environment.
func DefaultConfig() Config {
	return Config{
		Service:       "playground",
		IP:            DefaultIP(),
		Sampler:       defaultSamplerSpec(),
		B3:            b3.Multi,
		Encoding:      outbox.EncodingJSON,
		Timeout:       5 * time.Second,
		Batch:         100,
		Retries:       3,
		VerifyTimeout: 10 * time.Second,
		MaxSpans:      200000,
		MaxBytes:      receiver.DefaultMaxBytes,
	}
}

// DefaultIP is the first non-loopback IPv4 address, else 127.0.0.1.
func DefaultIP() string {
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
				return ipn.IP.String()
			}
		}
	}
	return "127.0.0.1"
}

// Limits of the numeric settings. They keep every value inside what the
// clock, the tickers and memory can hold; nobody needs more.
const (
	maxBatch    = 100000
	maxRetries  = 100
	maxTimeout  = time.Hour
	maxMaxSpans = 10000000
	MinMaxBytes = 1 << 20
	MaxMaxBytes = 1 << 40
)

// ConfigError is a setting that cannot be used. Field names the setting in
// plain words ("batch", "timeout"), never a flag or a key: each interface
// says how to change it.
type ConfigError struct {
	// Field is the setting: one of the Field… constants.
	Field string
	// Reason says what is wrong, without the field's name.
	Reason string
}

// The settings a ConfigError can name.
const (
	FieldEndpoint      = "endpoint"
	FieldListen        = "listen address"
	FieldService       = "service"
	FieldIP            = "ip"
	FieldSampler       = "sampler"
	FieldEncoding      = "encoding"
	FieldHeader        = "header"
	FieldTimeout       = "timeout"
	FieldBatch         = "batch"
	FieldRetries       = "retries"
	FieldQuery         = "query URL"
	FieldVerifyTimeout = "verify timeout"
	FieldMaxSpans      = "max spans"
	FieldMaxBytes      = "max bytes"
)

func (e *ConfigError) Error() string { return e.Field + " " + e.Reason }

func configErr(field, format string, args ...any) error {
	return &ConfigError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Validate checks every setting before a session starts, so that a bad
// value is refused up front with the setting's name and never fails later,
// half-way through a flush.
func (c Config) Validate() error {
	checks := []func() error{
		c.validateNumbers,
		func() error { return validateService(c.Service) },
		func() error { return validateIP(c.IP) },
		func() error { return validateListen(c.Listen) },
		func() error { return c.Sampler.Validate() },
		func() error { return validateHeaders(c.Headers) },
		c.validateURLs,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) validateNumbers() error {
	switch {
	case c.Batch < 1 || c.Batch > maxBatch:
		return configErr(FieldBatch, "must be between 1 and %d, got %d", maxBatch, c.Batch)
	case c.Timeout <= 0 || c.Timeout > maxTimeout:
		return configErr(FieldTimeout, "must be more than 0 and at most %s, got %s", maxTimeout, c.Timeout)
	case c.Retries < 0 || c.Retries > maxRetries:
		return configErr(FieldRetries, "must be between 0 and %d, got %d", maxRetries, c.Retries)
	case c.VerifyTimeout <= 0 || c.VerifyTimeout > maxTimeout:
		return configErr(FieldVerifyTimeout, "must be more than 0 and at most %s, got %s", maxTimeout, c.VerifyTimeout)
	case c.MaxSpans < 1 || c.MaxSpans > maxMaxSpans:
		return configErr(FieldMaxSpans, "must be between 1 and %d, got %d", maxMaxSpans, c.MaxSpans)
	case c.MaxBytes < MinMaxBytes || c.MaxBytes > MaxMaxBytes:
		return configErr(FieldMaxBytes, "must be between %d (1 MiB) and %d (1 TiB), got %d", MinMaxBytes, MaxMaxBytes, c.MaxBytes)
	}
	return nil
}

func validateService(s string) error {
	if strings.TrimSpace(s) == "" {
		return configErr(FieldService, "must not be empty")
	}
	if hasControl(s) {
		return configErr(FieldService, "must not contain control characters")
	}
	return nil
}

func (c Config) validateURLs() error {
	if !secret.IsLocalSpec(c.Endpoint) {
		if _, err := secret.ParseEndpoint(c.Endpoint); err != nil {
			return &ConfigError{Field: FieldEndpoint, Reason: "is malformed: " + err.Error()}
		}
	}
	if strings.TrimSpace(c.Query) != "" {
		if _, err := secret.ParseEndpoint(c.Query); err != nil {
			return &ConfigError{Field: FieldQuery, Reason: "is malformed: " + err.Error()}
		}
	}
	return nil
}

// validateIP accepts an IP address or IP:port, as the local endpoint of a
// span. A host name is refused: zipkin-go would resolve it with a DNS lookup
// on every new service, which can block for seconds.
func validateIP(s string) error {
	if s == "" {
		return nil // zipkin-go leaves the address out
	}
	host := s
	if net.ParseIP(s) == nil {
		h, port, err := net.SplitHostPort(s)
		if err != nil {
			return configErr(FieldIP, "%q is not an IP address or IP:port", s)
		}
		if !isPort(port) {
			return configErr(FieldIP, "%q: port %q is not between 0 and 65535", s, port)
		}
		host = h
	}
	if net.ParseIP(host) == nil {
		return configErr(FieldIP, "%q is not an IP address (a host name would need a DNS lookup)", host)
	}
	return nil
}

func validateListen(s string) error {
	if s == "" {
		return nil // the receiver's default
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil || !isPort(port) {
		return configErr(FieldListen, "%q is not host:port (e.g. 127.0.0.1:9411)", s)
	}
	if hasControl(host) {
		return configErr(FieldListen, "%q has control characters", s)
	}
	return nil
}

func isPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for _, r := range p {
		if r < '0' || r > '9' {
			return false
		}
		n = n*10 + int(r-'0')
	}
	return n <= 65535
}

// finite reports whether f is a usable number: not NaN, not ±Inf.
func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
