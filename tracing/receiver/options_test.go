package receiver

// maxAnswerOption replaces the query answer's byte budget, so that tests can
// reach it with small traces.
func maxAnswerOption(n int) Option {
	return func(c *config) { c.maxAnswer = n }
}

// timeoutsOption replaces the server's timeouts, so that tests need not wait
// for the real ones.
func timeoutsOption(t serverTimeouts) Option {
	return func(c *config) { c.timeouts = &t }
}
