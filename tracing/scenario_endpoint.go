package tracing

import (
	"fmt"
	"net"

	"github.com/openzipkin/zipkin-go/model"
)

// checkServerChildren applies the session's SERVER rule (CheckChildKind) to
// the file, so that a replay never fails half-way.
func (s ScenarioSpan) checkServerChildren() error {
	kind, _ := parseKind(s.Kind)
	servers := 0
	for _, c := range s.Children {
		if k, _ := parseKind(c.Kind); k == model.Server {
			servers++
		}
	}
	switch {
	case servers > 0 && kind != model.Client:
		return errServerNeedsClient
	case servers > 1:
		return errServerAnswered
	}
	return nil
}

// endpoint is the zipkin model endpoint; the IPs must be literal.
func (e ScenarioEndpoint) endpoint() (*model.Endpoint, error) {
	ep, err := NewRemoteEndpoint(e.ServiceName, "")
	if err != nil {
		return nil, err
	}
	for _, a := range []struct {
		text string
		v4   bool
	}{{e.IPv4, true}, {e.IPv6, false}} {
		if a.text == "" {
			continue
		}
		ip := net.ParseIP(a.text)
		if ip == nil || (ip.To4() != nil) != a.v4 {
			return nil, fmt.Errorf("%q is not an IPv%s address", a.text, map[bool]string{true: "4", false: "6"}[a.v4])
		}
		if a.v4 {
			ep.IPv4 = ip.To4()
		} else {
			ep.IPv6 = ip
		}
	}
	ep.Port = e.Port
	return ep, nil
}

// scenarioEndpoint is the file form of a model endpoint.
func scenarioEndpoint(e *model.Endpoint) *ScenarioEndpoint {
	if e == nil {
		return nil
	}
	se := &ScenarioEndpoint{ServiceName: e.ServiceName, Port: e.Port}
	if e.IPv4 != nil {
		se.IPv4 = e.IPv4.String()
	}
	if e.IPv6 != nil {
		se.IPv6 = e.IPv6.String()
	}
	return se
}
