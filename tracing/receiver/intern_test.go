package receiver

import (
	"net"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// TestInternerEndpointKeepsFieldsApart: endpoints are shared only when every
// field is the same, whatever the service name holds, and an IPv4 address
// is the same in its four- and sixteen-byte forms.
func TestInternerEndpointKeepsFieldsApart(t *testing.T) {
	t.Parallel()
	var in interner
	bare := in.endpoint(&model.Endpoint{ServiceName: "a|10.0.0.1"})
	withIP := in.endpoint(&model.Endpoint{ServiceName: "a", IPv4: net.ParseIP("10.0.0.1").To4()})
	if bare == withIP || withIP.ServiceName != "a" || ipString(withIP.IPv4) != "10.0.0.1" || len(bare.IPv4) != 0 {
		t.Fatalf("endpoints mixed up: %+v and %+v", bare, withIP)
	}
	if again := in.endpoint(&model.Endpoint{ServiceName: "a", IPv4: net.ParseIP("10.0.0.1")}); again != withIP {
		t.Errorf("the 16-byte form of 10.0.0.1 got its own endpoint %+v", again)
	}
	if other := in.endpoint(&model.Endpoint{ServiceName: "a", IPv4: net.ParseIP("10.0.0.1"), Port: 1}); other == withIP {
		t.Error("an endpoint with another port was shared")
	}
}
