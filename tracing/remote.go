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
	// errServerNeedsClient refuses a SERVER child of anything but a CLIENT
	// span: zipkin-go would make it a shared span with its parent's ID, a
	// call that never happened (Jaeger then stores two roots).
	errServerNeedsClient = errors.New("a SERVER span is the receiving side of a call: make its parent a CLIENT span first (K until CLIENT, then n or c)")
	// errServerAnswered refuses a second SERVER side of one CLIENT call: both
	// would share the client's span ID.
	errServerAnswered = errors.New("this CLIENT call already has its SERVER side (they share one span ID): start a new CLIENT span for another call")
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
		return errServerNeedsClient
	}
	for _, c := range parent.Children {
		if c.Key.Shared {
			return errServerAnswered
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
