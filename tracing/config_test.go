package tracing

import (
	"errors"
	"math"
	"strings"
	"testing"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

func TestSamplerRejectsNaNAndInf(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"counting:NaN", "counting:nan", "boundary:NaN", "boundary:Inf", "counting:-Inf", "boundary:1e400"} {
		if _, err := ParseSamplerSpec(s); !errors.Is(err, errBadSampler) {
			t.Errorf("%s: %v", s, err)
		}
	}
	// A spec built in code (the TUI's picker) is checked too, before
	// zipkin-go's constructor, which panics on counting NaN.
	for _, spec := range []SamplerSpec{{Kind: SamplerCounting, Rate: math.NaN()}, {Kind: SamplerBoundary, Rate: math.Inf(1)}} {
		if _, err := NewSampler(spec); err == nil {
			t.Errorf("%v: accepted", spec)
		}
		if err := spec.Validate(); err == nil {
			t.Errorf("%v: Validate accepted", spec)
		}
	}
}

func TestValidIP(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"", "10.0.0.1", "10.0.0.1:8080", "::1", "[::1]:80", "fe80::1"} {
		if err := validateIP(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"not an ip", "localhost", "example.com:80", "10.0.0.1:99999", "10.0.0.1:x", "[::1]", ":80"} {
		err := validateIP(bad)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != FieldIP {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseHeader(t *testing.T) {
	t.Parallel()
	h, err := ParseHeader("  X-Api-Key :  v a l  ")
	if err != nil || h.Name != "X-Api-Key" || h.Value != "v a l" {
		t.Errorf("%+v %v", h, err)
	}
	for _, bad := range []string{"no colon", ": value", "Bad Name: v", "X(y): v", "X: a\r\nInjected: b", "X: a\nb", "X: nul\x00", "X: del\x7f", "Ünïcode: v"} {
		_, err := ParseHeader(bad)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != FieldHeader {
			t.Errorf("%q: %v", bad, err)
		}
	}
	// The value is a secret: never in the error.
	if _, err := ParseHeader("Authorization: Bearer s3cr3t\r\n"); err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("%v", err)
	}
	// A tab inside a value is allowed (RFC 9110 field-vchar and HTAB).
	if _, err := ParseHeader("X: a\tb"); err != nil {
		t.Error(err)
	}
}

// TestValidateNamesFields: library errors name the setting, never a flag.
func TestValidateNamesFields(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		mutate func(*Config)
		field  string
	}{
		{func(c *Config) { c.Batch = 0 }, FieldBatch},
		{func(c *Config) { c.Batch = maxBatch + 1 }, FieldBatch},
		{func(c *Config) { c.Timeout = 0 }, FieldTimeout},
		{func(c *Config) { c.Retries = -1 }, FieldRetries},
		{func(c *Config) { c.VerifyTimeout = -1 }, FieldVerifyTimeout},
		{func(c *Config) { c.MaxSpans = 0 }, FieldMaxSpans},
		{func(c *Config) { c.Service = " " }, FieldService},
		{func(c *Config) { c.Service = "a\x1b[2Jb" }, FieldService},
		{func(c *Config) { c.IP = "host.example" }, FieldIP},
		{func(c *Config) { c.Listen = "9411" }, FieldListen},
		{func(c *Config) { c.Sampler = SamplerSpec{Kind: SamplerCounting, Rate: math.NaN()} }, FieldSampler},
		{func(c *Config) { c.Headers = []secret.Header{{Name: "X", Value: "a\nb"}} }, FieldHeader},
		{func(c *Config) { c.Endpoint = "localhost:9411/api/v2/spans" }, FieldEndpoint},
		{func(c *Config) { c.Query = "nohost" }, FieldQuery},
	} {
		cfg := DefaultConfig()
		c.mutate(&cfg)
		err := cfg.Validate()
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != c.field {
			t.Errorf("%s: %v", c.field, err)
			continue
		}
		if strings.Contains(err.Error(), "--") || !strings.HasPrefix(err.Error(), c.field+" ") {
			t.Errorf("%s: %q should name the field, not a flag", c.field, err)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("the default is invalid: %v", err)
	}
}

func TestEncodingFor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		endpoint string
		enc      outbox.Encoding
		explicit bool
		want     outbox.Encoding
		note     bool
		err      bool
	}{
		{"http://z:9411/api/v1/spans", outbox.EncodingJSON, false, outbox.EncodingV1, true, false},
		{"http://z:9411/api/v1/spans/", outbox.EncodingJSON, false, outbox.EncodingV1, true, false},
		{"http://z:9411/api/v1/spans", outbox.EncodingJSON, true, outbox.EncodingJSON, false, true},
		{"http://z:9411/api/v1/spans", outbox.EncodingProto, true, outbox.EncodingProto, false, true},
		{"http://z:9411/api/v1/spans", outbox.EncodingV1, true, outbox.EncodingV1, false, false},
		{"http://z:9411/api/v2/spans", outbox.EncodingJSON, false, outbox.EncodingJSON, false, false},
		{"http://z:9411/api/v2/spans", outbox.EncodingProto, true, outbox.EncodingProto, false, false},
		// v1 JSON to the v2 path: Zipkin answers 400 "Expected a JSON_V2 encoded list".
		{"http://z:9411/api/v2/spans", outbox.EncodingV1, true, outbox.EncodingV1, false, true},
		{"", outbox.EncodingJSON, false, outbox.EncodingJSON, false, false},
	} {
		enc, note, err := EncodingFor(c.endpoint, c.enc, c.explicit)
		var ce *ConfigError
		if enc != c.want || (note != "") != c.note || (err != nil) != c.err || (err != nil && (!errors.As(err, &ce) || ce.Field != FieldEncoding)) {
			t.Errorf("%+v: %q %q %v", c, enc, note, err)
		}
	}
}
