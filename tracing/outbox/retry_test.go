package outbox

import (
	"fmt"
	"testing"
	"time"

	"zipkin-playground/tracing/testkit"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"Fri, 27 Nov 2026 08:00:30 GMT", 30 * time.Second, true},
		{"Fri, 27 Nov 2026 07:00:00 GMT", 0, true},
		{"99999999999", 24 * time.Hour, true},
	} {
		d, ok := parseRetryAfter(c.in, now)
		if d != c.want || ok != c.ok {
			t.Errorf("%q: want %v %v, have %v %v", c.in, c.want, c.ok, d, ok)
		}
	}
}

func TestRetryBackoffGrowsAndCaps(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Base: time.Second, Max: 5 * time.Second, Jitter: testkit.NoJitter}.withDefaults()
	var got []time.Duration
	for a := 1; a <= 5; a++ {
		got = append(got, p.Backoff(a, 0))
	}
	if want := "[1s 2s 4s 5s 5s]"; fmt.Sprint(got) != want {
		t.Errorf("backoff: want %s, have %v", want, got)
	}
	if d := p.Backoff(1, 3*time.Second); d != 3*time.Second {
		t.Errorf("Retry-After is the least wait: %v", d)
	}
	jittered := RetryPolicy{Base: time.Second}.withDefaults()
	for i := 0; i < 100; i++ {
		if d := jittered.Backoff(1, 0); d < 500*time.Millisecond || d > time.Second {
			t.Fatalf("jitter out of [d/2, d]: %v", d)
		}
	}
}
