package component

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
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

// checkPaste is checkB3 plus what the new span will be: with SERVER as the
// next kind it joins the pasted span (shared span ID), as zipkin-go does.
func (t *TreePane) checkPaste(s string) (string, string) {
	note, err := checkB3(s)
	if err == "" && t.kind == model.Server {
		note += "; next kind SERVER: the new span joins the pasted span (same span ID, shared)"
	}
	return note, err
}

// lowercaseNote is what the status adds when a name will arrive changed
// (i explains why):
// zipkin-go's JSON serializer (and our v1 JSON) lowercase span names.
func lowercaseNote(name string, enc outbox.Encoding) string {
	lower := strings.ToLower(name)
	if lower == name || enc.Codec().KeepsCase {
		return ""
	}
	return fmt.Sprintf(" (sent as %q: i explains)", lower)
}
