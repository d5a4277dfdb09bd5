package component

import (
	"zipkin-playground/tracing/verify"
)

// Policy is what the person at the keys may not do. The zero Policy is the
// local playground: everything allowed. A workshop attendee plays on the
// presenter's machine, so the workshop locks the delivery settings (the
// presenter chose where every attendee's spans go, and its secrets must
// not be revealed) and the files (the presenter's disk is not theirs).
type Policy struct {
	// Locked, when set, is why the endpoint, query URL, TLS, headers,
	// service name and reveal cannot be changed (e.g. "set by the
	// workshop"): E, v and those option rows answer with it.
	Locked string
	// NoFiles, when set, is why w, x and "a file…" in o are off; the
	// built-in examples still open.
	NoFiles string
	// MaxSpans, when above 0, is how many spans the person may build: the
	// keys that start spans are refused past it, with the reason.
	MaxSpans int
}

// Progress is what the model has done so far, for a workshop's board.
type Progress struct {
	// Spans built, delivered (2xx) and verified (read back intact).
	Spans, Delivered, Verified int
}

// Progress counts the spans built, delivered and verified.
func (c *Common) Progress() Progress {
	p := Progress{Spans: c.Session.Tree().Len(), Delivered: c.Session.Outbox().Counts().Delivered}
	for _, v := range c.Verify.checks {
		if v.State == verify.StateVerified {
			p.Verified++
		}
	}
	return p
}
