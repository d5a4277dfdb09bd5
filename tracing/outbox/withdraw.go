package outbox

import (
	"errors"
	"fmt"
	"slices"
)

// ErrAlreadySent is why a span cannot be withdrawn: a flush took it, tried
// it or delivered it, so a collector may hold it.
var ErrAlreadySent = errors.New("already sent")

// Withdraw takes spans that were queued and never sent out of the outbox, as
// if they had never been reported. It takes all of them or none: a span a
// flush has taken, tried or delivered is no longer the outbox's to forget,
// and the error says which state holds it.
func (o *Outbox) Withdraw(keys []SpanKey) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	want := make(map[SpanKey]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	found := 0
	for _, e := range o.pending {
		if !want[e.key] {
			continue
		}
		if e.state != Queued {
			return fmt.Errorf("%w: a span of it is %s", ErrAlreadySent, e.state)
		}
		found++
	}
	if !o.opts.Forget {
		for _, k := range keys {
			if st, ok := o.states[k]; ok && st != Queued {
				return fmt.Errorf("%w: a span of it is %s", ErrAlreadySent, st)
			}
		}
	}
	if found != len(want) {
		return fmt.Errorf("%w: %d of %d spans are no longer queued", ErrAlreadySent, len(want)-found, len(want))
	}
	o.pending = slices.DeleteFunc(o.pending, func(e *outboxEntry) bool {
		if !want[e.key] {
			return false
		}
		o.counts[Queued]--
		if !o.opts.Forget {
			delete(o.states, e.key)
		}
		return true
	})
	return nil
}
