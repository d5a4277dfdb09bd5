package cli

import (
	"io"

	"zipkin-playground/tracing/secret"
)

// safeOutput is a command's stdout with everything written through the one
// sanitiser: server answers, certificate names, verification lines and
// scenario names come from outside and must never drive the terminal. Text
// keeps its lines and tabs; JSON stays the same JSON (see SanitizeJSON).
type safeOutput struct {
	w    io.Writer
	json bool
}

func (s safeOutput) Write(p []byte) (int, error) {
	var safe []byte
	if s.json {
		safe = secret.SanitizeJSON(p)
	} else {
		safe = []byte(secret.SanitizeLines(string(p)))
	}
	if _, err := s.w.Write(safe); err != nil {
		return 0, err
	}
	return len(p), nil
}
