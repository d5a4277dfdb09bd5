// Package zipkinspan holds the rules openzipkin/zipkin's model applies to
// every span it reads (zipkin2.Span.Builder, zipkin2.Endpoint.Builder):
// lower-hex IDs, addresses read as Endpoint.parseIp reads them, and the
// clean-up Span.Builder.build does before a span is stored.
package zipkinspan

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
)

// Kinds are the span kinds Zipkin's model has (zipkin2.Span.Kind);
// anything else is no kind at all.
var Kinds = map[model.Kind]bool{model.Client: true, model.Server: true, model.Producer: true, model.Consumer: true}

// Build applies the clean-up zipkin2.Span.Builder.build() and its setters
// do to every span Zipkin stores, whichever encoding it came in: a span that
// names itself as parent has none, `shared` is unset on a CLIENT, annotations
// are sorted (by timestamp, then value) and de-duplicated, an IPv4-mapped or
// -compatible IPv6 address is an IPv4 one.
func Build(s *model.SpanModel) {
	if s.ParentID != nil && *s.ParentID == s.ID {
		s.ParentID = nil
	}
	if !Kinds[s.Kind] {
		s.Kind = model.Undetermined
	}
	if s.Shared && s.Kind == model.Client {
		s.Shared = false
	}
	s.Annotations = sortedAnnotations(s.Annotations)
	s.LocalEndpoint = embeddedIPv4(s.LocalEndpoint)
	s.RemoteEndpoint = embeddedIPv4(s.RemoteEndpoint)
}

// sortedAnnotations sorts by timestamp then value and drops exact repeats, as
// zipkin2.Span's sortedList does.
func sortedAnnotations(in []model.Annotation) []model.Annotation {
	if len(in) < 2 {
		return in
	}
	sort.SliceStable(in, func(i, j int) bool {
		if !in[i].Timestamp.Equal(in[j].Timestamp) {
			return in[i].Timestamp.Before(in[j].Timestamp)
		}
		return in[i].Value < in[j].Value
	})
	out := in[:1]
	for _, a := range in[1:] {
		if last := out[len(out)-1]; a.Value != last.Value || !a.Timestamp.Equal(last.Timestamp) {
			out = append(out, a)
		}
	}
	return out
}

// embeddedIPv4 moves an IPv6 address that embeds an IPv4 one (::ffff:a.b.c.d,
// ::a.b.c.d) to the IPv4 field, as zipkin2.Endpoint.Builder.parseIp does.
func embeddedIPv4(e *model.Endpoint) *model.Endpoint {
	if e == nil || len(e.IPv6) != net.IPv6len {
		return e
	}
	v4 := e.IPv6.To4()
	if v4 == nil && isCompatIPv4(e.IPv6) {
		v4 = net.IP(append([]byte(nil), e.IPv6[12:]...))
	}
	if v4 == nil {
		return e
	}
	c := *e
	c.IPv4, c.IPv6 = v4, nil
	return &c
}

// isCompatIPv4 is an IPv4-compatible IPv6 address (::a.b.c.d), not ::1 nor ::.
func isCompatIPv4(ip net.IP) bool {
	for _, b := range ip[:12] {
		if b != 0 {
			return false
		}
	}
	return !ip.Equal(net.IPv6loopback) && !ip.Equal(net.IPv6unspecified)
}

// ParseIP reads an address as zipkin2.Endpoint.Builder.parseIp does:
// IPv4 (leading zeros allowed, as Netty's NetUtil allows them), IPv4 embedded
// in IPv6 (::ffff:a.b.c.d, ::a.b.c.d) as IPv4, else IPv6. ok is false for
// anything else, which Zipkin drops without failing the span.
func ParseIP(s string) (v4, v6 net.IP, ok bool) {
	if s == "" {
		return nil, nil, false
	}
	last := strings.LastIndexByte(s, ':')
	if strings.ContainsRune(s, '.') {
		v4 = parseDottedIPv4(s[last+1:])
		if v4 == nil || (last >= 0 && !embedsIPv4(s[:last+1])) {
			return nil, nil, false
		}
		return v4, nil, true
	}
	if last < 0 {
		return nil, nil, false
	}
	ip := net.ParseIP(s)
	if ip == nil {
		return nil, nil, false
	}
	if e := embeddedIPv4(&model.Endpoint{IPv6: ip}); e.IPv4 != nil {
		return e.IPv4, nil, true
	}
	return nil, ip, true
}

// embedsIPv4 is the part before an embedded IPv4 address that Zipkin reads as
// one: "::" or "::ffff:" (with f, F or 0 in the four hex places).
func embedsIPv4(prefix string) bool {
	if prefix == "::" {
		return true
	}
	if len(prefix) != 7 || !strings.HasPrefix(prefix, "::") {
		return false
	}
	return strings.Trim(prefix[2:6], "fF0") == ""
}

// parseDottedIPv4 reads a.b.c.d with one to three digits each, at most 255.
func parseDottedIPv4(s string) net.IP {
	ip := make(net.IP, 4)
	for i := range ip {
		// Cut and a digit loop, not Split, Trim and Atoi: this runs for every
		// endpoint of every received span, and those showed in its profile.
		p, rest, found := strings.Cut(s, ".")
		if found != (i < 3) {
			return nil
		}
		s = rest
		if len(p) < 1 || len(p) > 3 {
			return nil
		}
		n := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return nil
			}
			n = n*10 + int(c-'0')
		}
		if n > 255 {
			return nil
		}
		ip[i] = byte(n)
	}
	return ip
}

// TraceID reads a trace ID as zipkin2.Span.normalizeTraceId does:
// 1 to 32 lower-hex digits, not all zeros; 32 digits whose high half is zeros
// is the 64-bit ID.
func TraceID(h string) (model.TraceID, error) {
	if err := checkHex("traceId", h, 32); err != nil {
		return model.TraceID{}, err
	}
	if strings.Trim(h, "0") == "" {
		return model.TraceID{}, errors.New("traceId is all zeros")
	}
	var id model.TraceID
	if len(h) > 16 {
		hi := h[:len(h)-16]
		id.High, _ = strconv.ParseUint(hi, 16, 64)
		h = h[len(h)-16:]
	}
	id.Low, _ = strconv.ParseUint(h, 16, 64)
	return id, nil
}

// SpanID reads a span or parent ID: 1 to 16 lower-hex digits.
func SpanID(field, h string) (model.ID, error) {
	if err := checkHex(field, h, 16); err != nil {
		return 0, err
	}
	v, _ := strconv.ParseUint(h, 16, 64)
	return model.ID(v), nil
}

// checkHex checks an ID as zipkin2.Span's validateHexAndReturnZeroPrefix does.
func checkHex(field, h string, max int) error {
	switch {
	case h == "":
		return fmt.Errorf("%s is empty", field)
	case len(h) > max:
		return fmt.Errorf("%s.length > %d", field, max)
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return fmt.Errorf("%s should be lower-hex encoded with no prefix", h)
		}
	}
	return nil
}
