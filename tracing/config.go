package tracing

import (
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"github.com/openzipkin/zipkin-go/reporter"
)

// Encoding is the wire format of a POST.
type Encoding string

// The encodings zipkin-go serializes.
const (
	EncodingJSON  Encoding = "json"
	EncodingProto Encoding = "proto"
	EncodingV1    Encoding = "v1" // Zipkin v1 JSON, for /api/v1/spans (V1JSONSerializer)
)

// ParseEncoding parses --encoding.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "json", "":
		return EncodingJSON, nil
	case "proto", "proto3", "protobuf":
		return EncodingProto, nil
	case "v1":
		return EncodingV1, nil
	}
	return "", fmt.Errorf("--encoding %q: use json, proto or v1", s)
}

// Serializer is zipkin-go's serializer for the encoding (ours for v1).
func (e Encoding) Serializer() reporter.SpanSerializer {
	switch e {
	case EncodingProto:
		return zipkin_proto3.SpanSerializer{}
	case EncodingV1:
		return V1JSONSerializer{}
	}
	return reporter.JSONSerializer{}
}

// Header is one extra header sent on every POST. Its value is a secret.
type Header struct {
	Name  string
	Value string
}

// ParseHeader parses "Name: value".
func ParseHeader(s string) (Header, error) {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return Header{}, fmt.Errorf("--header: want 'Name: value', got a value without a name (%d characters)", len(s))
	}
	return Header{Name: name, Value: strings.TrimSpace(value)}, nil
}

// Config is everything a session needs; the zero value is not valid, start
// from DefaultConfig.
type Config struct {
	// Endpoint is the collector URL as given; "" or "local" is the embedded receiver.
	Endpoint string
	// Listen is the embedded receiver's address.
	Listen        string
	Service       string
	IP            string
	Sampler       SamplerSpec
	B3            B3Format
	Encoding      Encoding
	TraceID128    bool
	Headers       []Header
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
}

// DefaultConfig is the configuration with no flags and no environment.
func DefaultConfig() Config {
	return Config{
		Listen:        "127.0.0.1:9411",
		Service:       "playground",
		IP:            DefaultIP(),
		Sampler:       DefaultSamplerSpec(),
		B3:            B3Multi,
		Encoding:      EncodingJSON,
		Timeout:       5 * time.Second,
		Batch:         100,
		Retries:       3,
		VerifyTimeout: 10 * time.Second,
		MaxSpans:      200000,
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

// Validate checks the parts a session cannot start without.
func (c Config) Validate() error {
	if c.Batch < 1 {
		return fmt.Errorf("--batch %d: must be at least 1", c.Batch)
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("--timeout %s: must be positive", c.Timeout)
	}
	if strings.TrimSpace(c.Service) == "" {
		return fmt.Errorf("--service: must not be empty")
	}
	if !IsLocalSpec(c.Endpoint) {
		if _, err := ParseEndpoint(c.Endpoint); err != nil {
			return err
		}
	}
	return nil
}
