package cli

import (
	"fmt"
	"strconv"
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
		parent = string(appendHex16(nil, uint64(*sp.ParentID)))
	}
	service := "-"
	if sp.LocalEndpoint != nil && sp.LocalEndpoint.ServiceName != "" {
		service = secret.Sanitize(sp.LocalEndpoint.ServiceName)
	}
	kind := string(sp.Kind)
	if kind == "" {
		kind = "-"
	}
	// Built by appending, not with fmt.Sprintf and the IDs' String methods:
	// receive prints every span of a burst, and that formatting showed up as
	// a sixth of its CPU. The text is the same as "%016x" and friends give.
	b := make([]byte, 0, 192)
	if sp.Timestamp.IsZero() {
		b = append(b, "--:--:--.---"...) // a span may come without timestamp
	} else {
		b = sp.Timestamp.AppendFormat(b, "15:04:05.000")
	}
	b = append(b, ' ')
	if sp.TraceID.High != 0 {
		b = appendHex16(b, sp.TraceID.High)
	}
	b = appendHex16(b, sp.TraceID.Low)
	b = append(b, ' ')
	b = appendHex16(b, uint64(sp.ID))
	for _, s := range [...]string{" parent=", parent, " ", service, ` "`, secret.Sanitize(sp.Name),
		`" kind=`, secret.Sanitize(kind), " duration=", outbox.FormatLatency(sp.Duration), " tags="} {
		b = append(b, s...)
	}
	b = strconv.AppendInt(b, int64(len(sp.Tags)), 10)
	b = append(b, " annotations="...)
	b = strconv.AppendInt(b, int64(len(sp.Annotations)), 10)
	return string(append(b, '\n'))
}

// appendHex16 appends u as 16 lower-case hex digits, zero-padded: a Zipkin ID.
func appendHex16(b []byte, u uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[u>>uint(shift)&0xf])
	}
	return b
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
