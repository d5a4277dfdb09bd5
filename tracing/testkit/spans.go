package testkit

import (
	"bytes"
	"fmt"
	"net"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// EveryFieldSpans are spans with every field the receiver serves, and strings
// encoding/json escapes its own way.
func EveryFieldSpans() []model.SpanModel {
	parent := model.ID(0x0102030405060708)
	ts := time.Date(2026, 12, 6, 17, 0, 0, 123_456_789, time.UTC)
	full := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{High: 0xabc, Low: 0xdef}, ID: 0xfedcba9876543210, ParentID: &parent, Debug: true},
		Name:        "get /items", Kind: model.Server, Timestamp: ts, Duration: 1500 * time.Nanosecond, Shared: true,
		LocalEndpoint:  &model.Endpoint{ServiceName: "frontend", IPv4: net.ParseIP("10.0.0.1"), IPv6: net.ParseIP("2001:db8::1"), Port: 8080},
		RemoteEndpoint: &model.Endpoint{ServiceName: "backend", Port: 9000},
		Annotations:    []model.Annotation{{Timestamp: ts, Value: "ws"}, {Timestamp: ts.Add(time.Millisecond), Value: "wr"}},
		Tags:           map[string]string{"z": "last", "a": "first", "http.path": "/a?b=<c>&d"},
	}
	odd := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 1}, ID: 2},
		Name:        "quote\" back\\slash \x1b[2j tab\t nl\n \u2028 é \xff",
		Kind:        model.Producer,
		Tags:        map[string]string{"ctl\x01": "\x7f\u0085", "": ""},
		Annotations: []model.Annotation{{Value: "no time"}},
	}
	bare := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 5}, ID: 6}}
	consumer := bare
	consumer.Kind, consumer.Duration = model.Consumer, 3*time.Second
	consumer.LocalEndpoint = &model.Endpoint{IPv4: net.IPv4(127, 0, 0, 1).To4()}
	return []model.SpanModel{full, odd, bare, consumer}
}

// WriteDemoBatch writes traces [first, first+n) of the demo's shape as v2
// JSON: a root, a CLIENT call, the SERVER side in another service with an
// annotation, and a child there with tags, an error and a JSON annotation.
func WriteDemoBatch(w *bytes.Buffer, first, n int) {
	const ts = 1_700_000_000_000_000
	w.WriteByte('[')
	for i := first; i < first+n; i++ {
		if i > first {
			w.WriteByte(',')
		}
		tid, base := fmt.Sprintf("%016x%016x", i+1, i+7), ts+int64(i)*1000
		fmt.Fprintf(w, `{"traceId":"%s","id":"%016x","name":"checkout","timestamp":%d,"duration":120000,"localEndpoint":{"serviceName":"playground","ipv4":"10.0.0.1"},"tags":{"http.method":"POST"}},`, tid, 4*i+1, base)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","kind":"CLIENT","name":"charge card","timestamp":%d,"duration":100000,"localEndpoint":{"serviceName":"playground","ipv4":"10.0.0.1"}},`, tid, 4*i+1, 4*i+2, base+10000)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","kind":"SERVER","name":"charge card","timestamp":%d,"duration":95000,"localEndpoint":{"serviceName":"payments","ipv4":"10.0.0.1"},"annotations":[{"timestamp":%d,"value":"fraud check passed"}]},`, tid, 4*i+2, 4*i+3, base+12000, base+20000)
		fmt.Fprintf(w, `{"traceId":"%s","parentId":"%016x","id":"%016x","name":"call bank","timestamp":%d,"duration":70000,"localEndpoint":{"serviceName":"payments","ipv4":"10.0.0.1"},"annotations":[{"timestamp":%d,"value":"{\"event\":\"error\",\"stack\":\"card declined\"}"}],"tags":{"bank.id":"demo-bank","error":"card declined"}}`, tid, 4*i+3, 4*i+4, base+25000, base+90000)
	}
	w.WriteByte(']')
}
