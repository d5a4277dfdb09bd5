package cli

import (
	"strings"

	"zipkin-playground/tracing"
)

// flagsForClass is how the command line changes what a failure class asks
// to change. The library's hints name no flag and no key (the TUI says
// "press O"); the command line appends its own flags here.
var flagsForClass = map[tracing.FailureClass][]string{
	tracing.ClassMalformedURL:     {"--endpoint"},
	tracing.ClassNotFound:         {"--endpoint"},
	tracing.ClassAuth:             {"--endpoint", "--header"},
	tracing.ClassTLS:              {"--cacert", "--insecure"},
	tracing.ClassTimeout:          {"--timeout"},
	tracing.ClassTooLarge:         {"--batch"},
	tracing.ClassBadRequest:       {"--encoding"},
	tracing.ClassUnsupportedMedia: {"--encoding"},
}

// withFlags is a result whose hint ends with the flags that act on it,
// unless the hint already names them.
func withFlags(r tracing.DeliveryResult) tracing.DeliveryResult {
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
