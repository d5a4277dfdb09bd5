package desk

import (
	"maps"

	"zipkin-playground/tracing/shop"
)

// A learner makes a service of the demo shop fail from the route picker (e
// on a route) and watches the error travel up: the service answers 500, its
// callers 502, and each span on the way gets its error tag.

// fails says whether the picker set service to fail.
func (d *Shop) fails(service string) bool { return d.failing[service] }

// toggleFail turns failing on or off for service; the next call applies it.
func (d *Shop) toggleFail(service string) {
	if d.failing == nil {
		d.failing = map[string]bool{}
	}
	d.failing[service] = !d.failing[service]
}

// failingNow is a copy for a command: the toggles as they are now.
func (d *Shop) failingNow() map[string]bool { return maps.Clone(d.failing) }

// applyFailing gives each toggled service an error rate of 1 or 0; the
// services never toggled keep theirs.
func applyFailing(sh *shop.Shop, failing map[string]bool) {
	for name, fails := range failing {
		rate := 0.0
		if fails {
			rate = 1
		}
		_ = sh.SetErrorRate(name, rate) // only the shop's own routes are toggled
	}
}
