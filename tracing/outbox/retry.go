package outbox

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults of a RetryPolicy.
const (
	defaultRetryBase     = 500 * time.Millisecond
	defaultRetryMax      = 30 * time.Second
	defaultMaxRetryAfter = time.Minute
)

// RetryPolicy says how FlushRetrying retries a batch that failed transiently:
// exponential backoff from Base, doubled per attempt up to Max, with jitter;
// a server's Retry-After is the least it waits.
type RetryPolicy struct {
	// Retries is how many times a batch is sent again after its first POST.
	Retries int
	// Base is the first backoff (default 500ms); Max caps any one wait (30s).
	Base, Max time.Duration
	// MaxRetryAfter is the longest Retry-After honoured (default 1m); a
	// server asking for more is not retried, its wait is reported.
	MaxRetryAfter time.Duration
	// Sleep waits d or until ctx ends (default: a timer). Tests inject one
	// that records the waits and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter spreads a backoff (default: uniform in [d/2, d]) so that many
	// clients do not retry in step.
	Jitter func(d time.Duration) time.Duration
	// OnRetry, when set, hears of each failed attempt that will be retried,
	// before the wait: the attempt's result (Attempts is its number) and
	// how long the batch waits before the next one. It runs on the flush's
	// goroutine and must not block for long.
	OnRetry func(failed DeliveryResult, wait time.Duration)
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Retries < 0 {
		p.Retries = 0
	}
	if p.Base <= 0 {
		p.Base = defaultRetryBase
	}
	if p.Max <= 0 {
		p.Max = defaultRetryMax
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = defaultMaxRetryAfter
	}
	if p.Sleep == nil {
		p.Sleep = SleepCtx
	}
	if p.Jitter == nil {
		p.Jitter = equalJitter
	}
	return p
}

// Backoff is the wait before retry number attempt (1-based): Base·2^(attempt-1)
// capped at Max, jittered, and never less than the server's Retry-After.
func (p RetryPolicy) Backoff(attempt int, retryAfter time.Duration) time.Duration {
	d := p.Base
	for i := 1; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	d = p.Jitter(min(d, p.Max))
	return max(d, retryAfter)
}

// SleepCtx waits d, or less when ctx ends first (then it returns ctx.Err()).
func SleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func equalJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

// Retryable reports a transient failure worth sending again: refused, reset,
// timeout, 408, 429 and 5xx. A redirect, a web page, 400, 401/403, 404/405,
// 413 and 415 fail the same way every time.
func (r DeliveryResult) Retryable() bool {
	switch r.Class {
	case ClassRefused, ClassReset, ClassTimeout, ClassOverloaded:
		return true
	}
	return r.Status == http.StatusRequestTimeout
}

// postRetrying POSTs body until it is accepted, fails for good, or p's
// retries run out; the result counts the attempts and the time waited.
func (t deliveryTarget) postRetrying(ctx context.Context, body *sendBody, r DeliveryResult, p RetryPolicy) DeliveryResult {
	for attempt := 1; ; attempt++ {
		t.attempt(ctx, body, &r)
		r.Attempts = attempt
		if r.OK() || !r.Retryable() || ctx.Err() != nil {
			return r
		}
		if r.RetryStopped = p.retryAfterStop(r); r.RetryStopped != "" {
			r.Hint += " (" + r.RetryStopped + ")"
			return r
		}
		if attempt > p.Retries {
			return r
		}
		wait := p.Backoff(attempt, r.RetryAfter)
		if p.OnRetry != nil {
			p.OnRetry(r, wait)
		}
		if err := p.Sleep(ctx, wait); err != nil {
			return r // cancelled while waiting: the spans stay failed
		}
		r.Waited += wait
	}
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (relative to now). A date in the past is a wait of zero.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if errors.Is(err, strconv.ErrRange) && v[0] != '-' {
		secs, err = math.MaxInt64, nil // 20 digits: longer than any run waits
	}
	if err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // beyond a day means "not today"
		}
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(now), 0), true
}

// retryAfterStop is why a server's Retry-After ends the retries now, "" when
// it does not: a wait longer than this run waits (MaxRetryAfter), or one that
// cannot be read. Sending again sooner than asked is what the server refused.
func (p RetryPolicy) retryAfterStop(r DeliveryResult) string {
	p = p.withDefaults()
	switch {
	case r.retryAfterBad != "":
		return fmt.Sprintf("the server's Retry-After %q cannot be read: not sent again", OneLine(r.retryAfterBad, 40))
	case r.RetryAfter > p.MaxRetryAfter:
		return fmt.Sprintf("the server asks to wait %s, longer than this run waits: not sent again", r.RetryAfter)
	}
	return ""
}
