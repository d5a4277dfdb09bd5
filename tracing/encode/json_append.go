package encode

import (
	"encoding/json"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openzipkin/zipkin-go/model"
)

// appendModelJSON appends what zipkin-go's SpanModel.MarshalJSON writes for
// s, byte for byte, without reflection; ok is false for a span it leaves to
// MarshalJSON (one MarshalJSON refuses, and rare shapes: an IP of an odd
// length, an annotation without time, a time or duration past 2200).
//
// MarshalJSON's order is its wrapper's: timestamp and duration first, then
// the span context (traceId, id, parentId, debug) and the model's fields.
func appendModelJSON(dst []byte, s *model.SpanModel) ([]byte, bool) {
	var memo endpointMemo
	return memo.appendModelJSON(dst, s)
}

// appendModelJSON is appendModelJSON, with the endpoints written before in
// dst remembered (see endpointMemo): m is for one buffer only.
func (m *endpointMemo) appendModelJSON(dst []byte, s *model.SpanModel) ([]byte, bool) {
	if !modelJSONFast(s) {
		return dst, false
	}
	dst = append(dst, '{')
	if !s.Timestamp.IsZero() {
		dst = append(dst, `"timestamp":`...)
		dst = appendMicros(dst, unixMicros(s.Timestamp))
		dst = append(dst, ',')
	}
	if d := marshalDuration(s.Duration); d != 0 {
		dst = append(dst, `"duration":`...)
		dst = strconv.AppendInt(dst, d, 10)
		dst = append(dst, ',')
	}
	dst = append(dst, `"traceId":"`...)
	dst = appendTraceIDHex(dst, s.TraceID)
	dst = append(dst, `","id":"`...)
	dst = appendHexID(dst, uint64(s.ID))
	dst = append(dst, '"')
	if s.ParentID != nil {
		dst = append(dst, `,"parentId":"`...)
		dst = appendHexID(dst, uint64(*s.ParentID))
		dst = append(dst, '"')
	}
	if s.Debug {
		dst = append(dst, `,"debug":true`...)
	}
	if s.Name != "" {
		dst = append(dst, `,"name":`...)
		dst = appendLowerHTMLSafeString(dst, s.Name)
	}
	if s.Kind != "" {
		dst = append(dst, `,"kind":`...)
		dst = appendHTMLSafeString(dst, string(s.Kind))
	}
	if s.Shared {
		dst = append(dst, `,"shared":true`...)
	}
	dst = m.appendEndpoint(dst, `,"localEndpoint":`, s.LocalEndpoint)
	dst = m.appendEndpoint(dst, `,"remoteEndpoint":`, s.RemoteEndpoint)
	if len(s.Annotations) > 0 {
		dst = append(dst, `,"annotations":[`...)
		for i := range s.Annotations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"timestamp":`...)
			dst = appendMicros(dst, unixMicros(s.Annotations[i].Timestamp))
			dst = append(dst, `,"value":`...)
			dst = appendHTMLSafeString(dst, s.Annotations[i].Value)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(s.Tags) > 0 {
		dst = appendSortedTags(dst, s.Tags)
	}
	return append(dst, '}'), true
}

// modelJSONFast reports whether appendModelJSON writes s itself.
func modelJSONFast(s *model.SpanModel) bool {
	const late = 1 << 33 // 2242: UnixNano overflows past 2262
	if !s.Timestamp.IsZero() && (s.Timestamp.Unix() < 1 || s.Timestamp.Unix() > late) {
		return false
	}
	if s.Duration < 0 || s.Duration > 1<<62 {
		return false
	}
	for i := range s.Annotations {
		if u := s.Annotations[i].Timestamp.Unix(); u < 1 || u > late {
			return false
		}
	}
	return printableIPs(s.LocalEndpoint) && printableIPs(s.RemoteEndpoint)
}

// printableIPs is false when e has an IP of a length net.IP cannot print.
func printableIPs(e *model.Endpoint) bool {
	if e == nil {
		return true
	}
	ok := func(ip net.IP) bool { return len(ip) == 0 || len(ip) == net.IPv4len || len(ip) == net.IPv6len }
	return ok(e.IPv4) && ok(e.IPv6)
}

// marshalDuration is MarshalJSON's duration in µs: under 1 µs is 1, others
// rounded half up.
func marshalDuration(d time.Duration) int64 {
	switch {
	case d <= 0:
		return 0
	case d < time.Microsecond:
		return 1
	}
	return (d + 500*time.Nanosecond).Nanoseconds() / 1e3
}

// unixMicros is t.Round(time.Microsecond).UnixNano()/1e3, MarshalJSON's
// microseconds, for a t after 1970 (halves round up, as Round does).
func unixMicros(t time.Time) int64 {
	return t.Unix()*1e6 + int64((t.Nanosecond()+500)/1e3)
}

// appendMicros appends v in decimal, as strconv.AppendInt does; the
// microseconds of a time between 2001 and 2286 (16 digits) are written
// two digits at a time without strconv's general path.
func appendMicros(dst []byte, v int64) []byte {
	if v < 1e15 || v >= 1e16 {
		return strconv.AppendInt(dst, v, 10)
	}
	const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
		"404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
	var b [16]byte
	u := uint64(v)
	for i := len(b) - 2; i >= 0; i -= 2 {
		r := u % 100
		u /= 100
		b[i], b[i+1] = pairs[2*r], pairs[2*r+1]
	}
	return append(dst, b[:]...)
}

func appendTraceIDHex(dst []byte, t model.TraceID) []byte {
	if t.High != 0 {
		dst = appendHexID(dst, t.High)
	}
	return appendHexID(dst, t.Low)
}

// appendEndpointObject appends the JSON object MarshalJSON writes for a
// non-empty endpoint.
func appendEndpointObject(dst []byte, e *model.Endpoint) []byte {
	dst = append(dst, '{')
	mark := len(dst)
	sep := func() {
		if len(dst) > mark {
			dst = append(dst, ',')
		}
	}
	if e.ServiceName != "" {
		dst = append(dst, `"serviceName":`...)
		dst = appendLowerHTMLSafeString(dst, e.ServiceName)
	}
	if len(e.IPv4) > 0 {
		sep()
		dst = append(dst, `"ipv4":"`...)
		dst = append(dst, e.IPv4.String()...)
		dst = append(dst, '"')
	}
	if len(e.IPv6) > 0 {
		sep()
		dst = append(dst, `"ipv6":"`...)
		dst = append(dst, e.IPv6.String()...)
		dst = append(dst, '"')
	}
	if e.Port != 0 {
		sep()
		dst = append(dst, `"port":`...)
		dst = strconv.AppendUint(dst, uint64(e.Port), 10)
	}
	return append(dst, '}')
}

func appendSortedTags(dst []byte, tags map[string]string) []byte {
	var small [16]tagPair
	pairs := small[:0]
	for k, v := range tags {
		pairs = append(pairs, tagPair{k, v})
	}
	sortTags(pairs)
	dst = append(dst, `,"tags":{`...)
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendHTMLSafeString(dst, p.key)
		dst = append(dst, ':')
		dst = appendHTMLSafeString(dst, p.value)
	}
	return append(dst, '}')
}

// tagPair is a tag, taken from the map in one pass (no lookup per key).
type tagPair struct{ key, value string }

// sortTags sorts by key with an insertion sort: a span has a few tags.
func sortTags(s []tagPair) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].key < s[j-1].key; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// appendLowerHTMLSafeString is appendHTMLSafeString(dst, strings.ToLower(s))
// (how MarshalJSON writes names), in one pass when s is plain lower-case
// ASCII, as span and service names usually are.
func appendLowerHTMLSafeString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !plainJSON[c] || ('A' <= c && c <= 'Z') {
			return appendHTMLSafeString(dst, strings.ToLower(s))
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendHTMLSafeString appends s quoted as json.Marshal does (HTML
// characters escaped): ASCII is written here with encoding/json's escapes;
// a string with other control characters or beyond ASCII is left to
// json.Marshal so every escape is its own.
func appendHTMLSafeString(dst []byte, s string) []byte {
	plain := 0
	for plain < len(s) && plainJSON[s[plain]] {
		plain++
	}
	if plain == len(s) { // the usual string: copied whole
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	mark := len(dst)
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			b, _ := json.Marshal(s) // a string always encodes
			return append(dst[:mark], b...)
		}
		if esc := asciiEscapes[c]; esc != "" {
			dst = append(dst, esc...)
			continue
		}
		if c < 0x20 {
			b, _ := json.Marshal(s)
			return append(dst[:mark], b...)
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

// asciiEscapes are encoding/json's escapes of the ASCII characters it
// escapes in one fixed way (HTML escaping on).
var asciiEscapes = [utf8.RuneSelf]string{
	'"': `\"`, '\\': `\\`, '\n': `\n`, '\r': `\r`, '\t': `\t`,
	'<': `\u003c`, '>': `\u003e`, '&': `\u0026`,
}

// appendHexID appends id as 16 lower-hex digits, as model.ID.String does.
func appendHexID(dst []byte, id uint64) []byte {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[id&0xf]
		id >>= 4
	}
	return append(dst, b[:]...)
}

// plainJSON are the bytes encoding/json writes as they are (HTML escaping
// on): printable ASCII but for the quote, the backslash and <, >, &.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = asciiEscapes[c] == ""
	}
	return t
}()
