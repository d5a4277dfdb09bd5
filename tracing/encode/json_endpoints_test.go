package encode

import (
	"bytes"
	"net"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// TestSharedEndpointsAreZipkinGos: a batch whose spans share endpoints by
// pointer — more of them than the serializer remembers, local and remote,
// in turn, with IPs, ports, and names to lower-case or escape — is written exactly as
// reporter.JSONSerializer writes it.
func TestSharedEndpointsAreZipkinGos(t *testing.T) {
	t.Parallel()
	eps := []*model.Endpoint{
		{ServiceName: "Checkout"},
		{ServiceName: "Payments<1>", IPv4: net.ParseIP("10.0.0.1").To4(), Port: 8080},
		{IPv6: net.ParseIP("2001:db8::1")},
		{ServiceName: "é", IPv4: net.IPv4(1, 2, 3, 4), IPv6: net.ParseIP("::1"), Port: 1},
		{ServiceName: "bank"},
		{ServiceName: "bank"}, // equal to the one before, another pointer
		{},
	}
	var spans []*model.SpanModel
	for i := 0; i < 60; i++ {
		spans = append(spans, &model.SpanModel{
			SpanContext: model.SpanContext{TraceID: model.TraceID{Low: uint64(i + 1)}, ID: model.ID(i + 1)},
			Name:        []string{"op", "Charge Card", "a<b>"}[i%3], Timestamp: time.Unix(1700000000, int64(i)*777), Duration: time.Duration(i) * time.Microsecond,
			LocalEndpoint:  eps[i%len(eps)],
			RemoteEndpoint: eps[(i*3+1)%len(eps)],
		})
	}
	want, err := reporter.JSONSerializer{}.Serialize(spans)
	if err != nil {
		t.Fatal(err)
	}
	got, err := JSONV2{}.Serialize(spans)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("(%v)\n got %s\nwant %s", err, got, want)
	}
}
