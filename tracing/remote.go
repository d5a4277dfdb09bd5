package tracing

import (
	"errors"
	"fmt"
	"net"
	"strings"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
)

// What a span's kind and remote endpoint may be: the playground refuses to
// model a call that never happened.

// Errors of the kind rules and the remote endpoint.
var (
	// ErrServerNeedsClient refuses a SERVER child of anything but a CLIENT
	// span: zipkin-go would make it a shared span with its parent's ID, a
	// call that never happened (Jaeger then stores two roots).
	ErrServerNeedsClient = errors.New("a SERVER span is the receiving side of a call: make its parent a CLIENT span first (K until CLIENT, then n or c)")
	// ErrServerAnswered refuses a second SERVER side of one CLIENT call: both
	// would share the client's span ID.
	ErrServerAnswered = errors.New("this CLIENT call already has its SERVER side (they share one span ID): start a new CLIENT span for another call")
	// ErrNoRemoteService refuses a remote endpoint without a service name.
	ErrNoRemoteService = errors.New("remote endpoint: give the other side's service name, then optionally ip or ip:port")
)

// CheckChildKind says whether a span of kind may start under parent (nil for
// a new trace). A SERVER span under a local parent is refused: zipkin-go
// shares the parent's span ID with any SERVER child (it cannot tell a local
// parent from a remote one), which only models a real call when the parent
// is the CLIENT side of it. A root SERVER span is fine: its caller was not
// traced.
func CheckChildKind(parent *Node, kind model.Kind) error {
	if parent == nil || kind != model.Server {
		return nil
	}
	if parent.Kind != model.Client {
		return ErrServerNeedsClient
	}
	for _, c := range parent.Children {
		if c.Key.Shared {
			return ErrServerAnswered
		}
	}
	return nil
}

// SetRemoteEndpoint names the other side of a CLIENT/SERVER/… span (zipkin-go
// Span.SetRemoteEndpoint). service is required; hostPort may be empty, an IP
// (v4 or v6), or IP:port ([v6]:port). Host names are refused: no DNS from a
// key press.
func (s *Session) SetRemoteEndpoint(n *Node, service, hostPort string) error {
	if err := editable(n); err != nil {
		return err
	}
	ep, err := NewRemoteEndpoint(service, hostPort)
	if err != nil {
		return err
	}
	n.span.SetRemoteEndpoint(ep)
	n.RemoteEndpoint = ep
	return nil
}

// NewRemoteEndpoint builds an endpoint from a service name and an optional
// IP or IP:port, without any DNS lookup.
func NewRemoteEndpoint(service, hostPort string) (*model.Endpoint, error) {
	service, hostPort = strings.TrimSpace(service), strings.TrimSpace(hostPort)
	if service == "" {
		return nil, ErrNoRemoteService
	}
	if ip := net.ParseIP(hostPort); ip != nil {
		hostPort = net.JoinHostPort(ip.String(), "0") // a bare IPv6 has colons of its own
	} else if host, _, err := net.SplitHostPort(hostPort); hostPort != "" && (err != nil || net.ParseIP(host) == nil) {
		// zipkin.NewEndpoint would look a host name up.
		return nil, fmt.Errorf("remote endpoint: %q is not an IP address or IP:port", hostPort)
	}
	ep, err := zipkin.NewEndpoint(service, hostPort)
	if err != nil {
		return nil, fmt.Errorf("remote endpoint: %v", err)
	}
	return ep, nil
}

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
		return ErrServerNeedsClient
	case servers > 1:
		return ErrServerAnswered
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
