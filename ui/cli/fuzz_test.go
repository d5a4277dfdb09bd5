package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"

	"zipkin-playground/tracing"
)

// FuzzConfig: whatever the flags and environment say, the parser never
// panics, and what it accepts is usable: a valid Config, a sampler zipkin-go
// can build, a burst a ticker can run.
func FuzzConfig(f *testing.F) {
	for _, seed := range []struct {
		cmd, flag, value, extra string
	}{
		{"send", "sampler", "counting:NaN", ""},
		{"send", "sampler", "boundary:0.5", "x.json"},
		{"send", "rate", "1e-10", "--count=3"},
		{"send", "rate", "Inf", ""},
		{"send", "ip", "not an ip", ""},
		{"send", "header", "X: a\r\nb", ""},
		{"check", "count", "5", ""},
		{"", "batch", "0", "--"},
		{"receive", "max-spans", "-1", ""},
		{"send", "duration", "1h", "--rate=0.5"},
		{"send", "timeout", "9223372036854775807ns", ""},
		{"send", "\x1b[2J", "x", ""},
		{"send", "service", "\x1b]0;title\a", ""},
	} {
		f.Add(seed.cmd, seed.flag, seed.value, seed.extra)
	}
	f.Fuzz(func(t *testing.T, cmd, name, value, extra string) {
		args := []string{"--" + name, value, extra}
		env := func(k string) string {
			if d, ok := lookupFlag(name); ok && d.env == k {
				return value
			}
			return ""
		}
		opts, _, err := ParseArgs(cmd, args, env)
		if err != nil {
			// What the person sees: one sentence and a hint, nothing raw.
			var stderr bytes.Buffer
			code := fail(Env{Stderr: &stderr}, err, "hint")
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if code != ExitUsage || len(lines) != 2 || strings.ContainsFunc(lines[0], unicode.IsControl) {
				t.Fatalf("exit %d, stderr %q", code, stderr.String())
			}
			return
		}
		if opts.Help || opts.Version {
			return
		}
		if err := opts.Config.Validate(); err != nil {
			t.Fatalf("accepted an invalid config: %v", err)
		}
		if _, err := tracing.NewSampler(opts.Config.Sampler); err != nil {
			t.Fatalf("accepted sampler %v: %v", opts.Config.Sampler, err)
		}
		if opts.Rate != 0 {
			if d := time.Duration(float64(time.Second) / opts.Rate); d <= 0 {
				t.Fatalf("rate %v gives tick %v", opts.Rate, d)
			}
		}
		if opts.Count < 0 || opts.Count > maxCount || opts.Duration < 0 || opts.Duration > maxBurstDuration {
			t.Fatalf("burst out of range: %+v", opts)
		}
	})
}
