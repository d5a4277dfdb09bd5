package zipkinspan

import (
	"testing"
)

// Rows from zipkin2.Endpoint.Builder.parseIp and detectFamily (Endpoint.java)
// and Netty's NetUtil.isValidIpV4Address, which Zipkin copies.
func TestParseIPAsZipkin(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		in, v4, v6 string // "" both: dropped
	}{
		{"10.0.0.1", "10.0.0.1", ""},
		{"52.0.0.04", "52.0.0.4", ""},               // isValidIpV4Word takes a leading zero
		{"::ffff:10.0.0.1", "10.0.0.1", ""},         // IPv4Embedded
		{"::FFFF:10.0.0.1", "10.0.0.1", ""},         // f or F
		{"::10.0.0.1", "10.0.0.1", ""},              // compressed ::1.2.3.4
		{"7::0.128.128.127", "", ""},                // dots after another prefix: Unknown
		{"10.0.0.256", "", ""},                      // octet over 255
		{"10.0.0", "", ""},                          // three octets
		{"10.0.0.1.2", "", ""},                      // five octets
		{"10.0.0.", "", ""},                         // empty last octet
		{"10..0.1", "", ""},                         // empty octet
		{"10.0.0.+1", "", ""},                       // a sign is not a digit
		{"10.0.0.0001", "", ""},                     // four digits
		{"255.0.0.255", "255.0.0.255", ""},          // the largest octet
		{"localhost", "", ""},                       // not hex, no dot: Unknown
		{"2001:db8::1", "", "2001:db8::1"},          // IPv6
		{"2001:DB8:0:0:0:0:0:1", "", "2001:db8::1"}, // written as writeIpV6 does
		{"::1", "", "::1"},                          // loopback is not an embedded IPv4
		{"", "", ""},
	} {
		v4, v6, ok := ParseIP(row.in)
		got4, got6 := "", ""
		if v4 != nil {
			got4 = v4.String()
		}
		if v6 != nil {
			got6 = v6.String()
		}
		if got4 != row.v4 || got6 != row.v6 || ok != (row.v4+row.v6 != "") {
			t.Errorf("ParseIP(%q) = %q %q %v, Zipkin reads %q %q", row.in, got4, got6, ok, row.v4, row.v6)
		}
	}
}

// Rows from zipkin2.Span.normalizeTraceId and validateHexAndReturnZeroPrefix.
func TestTraceIDAsZipkin(t *testing.T) {
	t.Parallel()
	for _, row := range []struct{ in, want string }{
		{"a", "000000000000000a"},
		{"00000000000000000000000000000001", "0000000000000001"},
		{"1000000000000000000000001", "00000001000000000000000000000001"},
		{"ABC", ""},
		{"0x1", ""},
		{"000000000000000000000000000000000", ""}, // 33 digits
		{"0000", ""}, // all zeros
	} {
		id, err := TraceID(row.in)
		got := ""
		if err == nil {
			got = id.String()
		}
		if got != row.want {
			t.Errorf("TraceID(%q) = %q (%v), Zipkin reads %q", row.in, got, err, row.want)
		}
	}
}
