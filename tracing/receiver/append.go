package receiver

import (
	"bytes"
	"encoding/json"
	"net"
	"strconv"

	"github.com/openzipkin/zipkin-go/model"
)

// appendStoredJSON appends the span of trace tid as Zipkin v2 JSON, byte for
// byte what appendSpanJSON writes for its model span, without reflection.
func appendStoredJSON(dst []byte, tid model.TraceID, s *storedSpan) []byte {
	dst = append(dst, `{"traceId":"`...)
	dst = append(dst, tid.String()...)
	if s.parent != 0 {
		dst = append(dst, `","parentId":"`...)
		dst = appendHexID(dst, s.parent)
	}
	dst = append(dst, `","id":"`...)
	dst = appendHexID(dst, s.id)
	dst = append(dst, '"')
	if s.kind != 0 {
		dst = appendKey(dst, "kind")
		dst = appendJSONString(dst, string(spanKinds[s.kind]))
	}
	if s.name != "" {
		dst = appendKey(dst, "name")
		dst = appendJSONString(dst, s.name)
	}
	dst = appendIntField(dst, "timestamp", s.ts)
	dst = appendIntField(dst, "duration", s.dur)
	dst = appendEndpointJSON(dst, "localEndpoint", s.local)
	dst = appendEndpointJSON(dst, "remoteEndpoint", s.remote)
	if len(s.annotations) > 0 {
		dst = append(dst, `,"annotations":[`...)
		for i, a := range s.annotations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"timestamp":`...)
			dst = strconv.AppendInt(dst, a.ts, 10)
			dst = append(dst, `,"value":`...)
			dst = appendJSONString(dst, a.value)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(s.tags) > 0 {
		dst = append(dst, `,"tags":{`...)
		for i, t := range s.tags {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, t.key)
			dst = append(dst, ':')
			dst = appendJSONString(dst, t.value)
		}
		dst = append(dst, '}')
	}
	if s.debug {
		dst = append(dst, `,"debug":true`...)
	}
	if s.shared {
		dst = append(dst, `,"shared":true`...)
	}
	return append(dst, '}')
}

func appendKey(dst []byte, key string) []byte {
	dst = append(dst, ",\""...)
	dst = append(dst, key...)
	return append(dst, "\":"...)
}

// appendIntField appends ,"key":v unless v is 0 (absent).
func appendIntField(dst []byte, key string, v int64) []byte {
	if v == 0 {
		return dst
	}
	return strconv.AppendInt(appendKey(dst, key), v, 10)
}

func appendHexID(dst []byte, id uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		dst = append(dst, digits[id>>uint(shift)&0xf])
	}
	return dst
}

func appendEndpointJSON(dst []byte, key string, e *model.Endpoint) []byte {
	if e.Empty() {
		return dst
	}
	dst = appendKey(dst, key)
	dst = append(dst, '{')
	first := true
	field := func(name string) {
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, '"')
		dst = append(dst, name...)
		dst = append(dst, "\":"...)
	}
	if e.ServiceName != "" {
		field("serviceName")
		dst = appendJSONString(dst, e.ServiceName)
	}
	if len(e.IPv4) > 0 {
		field("ipv4")
		dst = appendJSONString(dst, net.IP(e.IPv4).String())
	}
	if len(e.IPv6) > 0 {
		field("ipv6")
		dst = appendJSONString(dst, net.IP(e.IPv6).String())
	}
	if e.Port != 0 {
		field("port")
		dst = strconv.AppendUint(dst, uint64(e.Port), 10)
	}
	return append(dst, '}')
}

// appendJSONString appends s quoted as encoding/json does with HTML escaping
// off: printable ASCII is copied; any other string is left to encoding/json,
// so control characters, invalid UTF-8 and U+2028/9 are escaped its way.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return appendJSONStringSlow(dst, s)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

func appendJSONStringSlow(dst []byte, s string) []byte {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
