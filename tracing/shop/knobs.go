package shop

import "fmt"

// SetErrorRate changes only how often a service answers 500 itself (0 to
// 1), from its next request on; its latency and calls stay as they are, so
// a failing payments still sits under checkout and its error travels up.
func (sh *Shop) SetErrorRate(name string, rate float64) error {
	s := sh.byName[name]
	if s == nil {
		return fmt.Errorf("%w: %q", ErrUnknownService, name)
	}
	if rate < 0 || rate > 1 || rate != rate {
		return fmt.Errorf("shop service %s: error rate %v is not between 0 and 1", name, rate)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.knobs.ErrorRate = rate
	return nil
}
