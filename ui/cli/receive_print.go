package cli

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// spanLine is one received span as receive prints it: text with everything
// from outside sanitised, or one line of Zipkin v2 JSON.
func spanLine(sp model.SpanModel, asJSON bool) string {
	if asJSON {
		b, err := receiver.MarshalSpanJSON(sp)
		if err != nil {
			return fmt.Sprintf(`{"traceId":%q,"id":%q,"error":%q}`+"\n", sp.TraceID, sp.ID, err.Error())
		}
		return jsonTerminalSafe(string(b)) + "\n"
	}
	parent := "-"
	if sp.ParentID != nil {
		parent = sp.ParentID.String()
	}
	service := "-"
	if sp.LocalEndpoint != nil && sp.LocalEndpoint.ServiceName != "" {
		service = secret.Sanitize(sp.LocalEndpoint.ServiceName)
	}
	kind := string(sp.Kind)
	if kind == "" {
		kind = "-"
	}
	at := "--:--:--.---" // a span may come without timestamp
	if !sp.Timestamp.IsZero() {
		at = sp.Timestamp.Format("15:04:05.000")
	}
	return fmt.Sprintf("%s %s %s parent=%s %s \"%s\" kind=%s duration=%s tags=%d annotations=%d\n",
		at, sp.TraceID, sp.ID, parent, service, secret.Sanitize(sp.Name), secret.Sanitize(kind),
		outbox.FormatLatency(sp.Duration), len(sp.Tags), len(sp.Annotations))
}

// jsonTerminalSafe escapes, as \uXXXX, the characters encoding/json leaves
// raw that a terminal may act on (DEL, C1 controls such as the one-byte CSI,
// bidi overrides); JSON only has them inside strings, so it stays valid.
func jsonTerminalSafe(s string) string {
	if !strings.ContainsFunc(s, needsJSONEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsJSONEscape(r) {
			if r > 0xffff { // outside the BMP: a surrogate pair
				r1, r2 := utf16Pair(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
				continue
			}
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsJSONEscape(r rune) bool {
	return r >= 0x7f && r != utf8.RuneError && !unicode.IsPrint(r)
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
