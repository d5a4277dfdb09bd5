package cli

import (
	"strings"

	"zipkin-playground/tracing/outbox"
)

// flagsForClass is how the command line changes what a failure class asks
// to change. The library's hints name no flag and no key (the TUI says
// "press O"); the command line appends its own flags here.
var flagsForClass = map[outbox.FailureClass][]string{
	outbox.ClassMalformedURL:     {"--endpoint"},
	outbox.ClassNotFound:         {"--endpoint"},
	outbox.ClassAuth:             {"--endpoint", "--header"},
	outbox.ClassTLS:              {"--cacert", "--insecure"},
	outbox.ClassTimeout:          {"--timeout"},
	outbox.ClassTooLarge:         {"--batch"},
	outbox.ClassBadRequest:       {"--encoding"},
	outbox.ClassUnsupportedMedia: {"--encoding"},
}

// withFlags is a result whose hint ends with the flags that act on it,
// unless the hint already names them.
func withFlags(r outbox.DeliveryResult) outbox.DeliveryResult {
	flags := flagsForClass[r.Class]
	if r.Hint == "" || len(flags) == 0 {
		return r
	}
	var missing []string
	for _, f := range flags {
		if !strings.Contains(r.Hint, f) {
			missing = append(missing, f)
		}
	}
	if len(missing) == len(flags) {
		r.Hint += " (" + strings.Join(missing, ", ") + ")"
	}
	return r
}
