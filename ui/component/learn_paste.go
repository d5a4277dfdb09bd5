package component

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"
)

// flattenPaste turns the lines of a paste (bracketed paste arrives as one
// KeyMsg holding newlines) into "; "-separated text, which b3.ParseText reads
// like lines: the text input is single-line and would make them spaces.
func flattenPaste(msg tea.KeyMsg) tea.KeyMsg {
	if msg.Type != tea.KeyRunes || !strings.ContainsAny(string(msg.Runes), "\r\n") {
		return msg
	}
	text := strings.ReplaceAll(string(msg.Runes), "\r\n", "\n")
	var parts []string
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	msg.Runes = []rune(strings.Join(parts, "; "))
	return msg
}

// b3Preview says what a valid paste was understood as.
func b3Preview(sc model.SpanContext) string {
	var b strings.Builder
	fmt.Fprintf(&b, "understood: trace %s, parent span %s", sc.TraceID, sc.ID)
	switch {
	case sc.Debug:
		b.WriteString(", debug (X-B3-Flags: 1: always kept)")
	case sc.Sampled == nil:
		b.WriteString(", sampling deferred (no Sampled header): your sampler decides")
	case *sc.Sampled:
		b.WriteString(", sampled (the caller decided)")
	default:
		b.WriteString(", not sampled (the caller decided: nothing will be sent)")
	}
	if sc.ParentID != nil {
		fmt.Fprintf(&b, "; the caller's own parent was %s", sc.ParentID)
	}
	return b.String()
}
