package tracing

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

func kindPtr(k model.Kind) *model.Kind { return &k }

// A SERVER child of a local, non-CLIENT span would become a shared span with
// the parent's ID (zipkin-go cannot tell): refused, with the way out.
func TestServerChildNeedsClientParent(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	root, _ := s.NewTrace("checkout")
	if _, err := s.Start(root, SpanOptions{Name: "handle", Kind: kindPtr(model.Server)}); !errors.Is(err, errServerNeedsClient) {
		t.Fatalf("SERVER under a local root: want errServerNeedsClient, have %v", err)
	}
	if want, have := 1, s.Tree().Len(); want != have {
		t.Errorf("a refused span must not be added: want %d spans, have %d", want, have)
	}
	if !strings.Contains(errServerNeedsClient.Error(), "K until CLIENT") {
		t.Errorf("the refusal must say what to do: %q", errServerNeedsClient)
	}
	client, err := s.Start(root, SpanOptions{Name: "call", Kind: kindPtr(model.Client)})
	if err != nil {
		t.Fatal(err)
	}
	server, err := s.Start(client, SpanOptions{Name: "handle", Kind: kindPtr(model.Server)})
	if err != nil || !server.Key.Shared || server.Context.ID != client.Context.ID {
		t.Fatalf("SERVER under CLIENT must be the shared span: %v", err)
	}
	if _, err := s.Start(client, SpanOptions{Name: "again", Kind: kindPtr(model.Server)}); !errors.Is(err, errServerAnswered) {
		t.Errorf("a second SERVER side of one call: want errServerAnswered, have %v", err)
	}
	if _, err := s.Start(server, SpanOptions{Name: "nested", Kind: kindPtr(model.Server)}); !errors.Is(err, errServerNeedsClient) {
		t.Errorf("SERVER under SERVER: want errServerNeedsClient, have %v", err)
	}
	if _, err := s.Start(nil, SpanOptions{Name: "entry", Kind: kindPtr(model.Server)}); err != nil {
		t.Errorf("a root SERVER span (untraced caller) is allowed: %v", err)
	}
	pasted, err := s.ContinueTrace("b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", SpanOptions{Kind: kindPtr(model.Server)})
	if err != nil || !pasted.Key.Shared || pasted.Context.ID.String() != "e457b5a2e4d86bd1" {
		t.Errorf("SERVER under a pasted remote context joins it: %v", err)
	}
}

func TestSetRemoteEndpoint(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	n, _ := s.Start(nil, SpanOptions{Name: "call", Kind: kindPtr(model.Client)})
	cases := []struct {
		service, hostPort string
		want              string // JSON of the endpoint, "" = refused
	}{
		{"payments", "", `{"serviceName":"payments"}`},
		{"payments", "10.0.0.7", `{"serviceName":"payments","ipv4":"10.0.0.7"}`},
		{"payments", "10.0.0.7:8443", `{"serviceName":"payments","ipv4":"10.0.0.7","port":8443}`},
		{"payments", "::1", `{"serviceName":"payments","ipv6":"::1"}`},
		{"payments", "[2001:db8::5]:9000", `{"serviceName":"payments","ipv6":"2001:db8::5","port":9000}`},
		{"payments", "example.com", ""},    // no DNS
		{"payments", "10.0.0.7:99999", ""}, // port out of range
		{"", "10.0.0.7", ""},
	}
	for _, c := range cases {
		err := s.SetRemoteEndpoint(n, c.service, c.hostPort)
		if c.want == "" {
			if err == nil {
				t.Errorf("%q %q: want refused", c.service, c.hostPort)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q %q: %v", c.service, c.hostPort, err)
			continue
		}
		b, _ := json.Marshal(n.RemoteEndpoint)
		if string(b) != c.want {
			t.Errorf("%q %q: want %s, have %s", c.service, c.hostPort, c.want, b)
		}
	}
	if err := s.SetRemoteEndpoint(n, "payments", "10.0.0.7:8443"); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(n); err != nil {
		t.Fatal(err)
	}
	if n.Reported == nil || n.Reported.RemoteEndpoint == nil || n.Reported.RemoteEndpoint.ServiceName != "payments" {
		t.Fatalf("zipkin-go must report the remote endpoint: %+v", n.Reported)
	}
	if err := s.SetRemoteEndpoint(n, "x", ""); !errors.Is(err, errFinished) {
		t.Errorf("finished span: want errFinished, have %v", err)
	}
}

func TestScenarioRemoteEndpointRoundTrip(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	client, _ := s.Start(nil, SpanOptions{Name: "charge", Kind: kindPtr(model.Client)})
	if err := s.SetRemoteEndpoint(client, "payments", "10.1.2.3:8080"); err != nil {
		t.Fatal(err)
	}
	server, _ := s.Start(client, SpanOptions{Name: "charge", Kind: kindPtr(model.Server), Service: "payments"})
	_ = s.SetRemoteEndpoint(server, "frontend", "2001:db8::1")
	data, err := MarshalScenario(s.Scenario("rt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"remoteEndpoint"`) || !strings.Contains(string(data), `"ipv4": "10.1.2.3"`) {
		t.Fatalf("saved scenario lacks the remote endpoint:\n%s", data)
	}
	sc, err := ParseScenario(data)
	if err != nil {
		t.Fatal(err)
	}
	s2 := newTestSession(t, "always")
	if _, err := s2.Replay(sc); err != nil {
		t.Fatal(err)
	}
	nodes := s2.Tree().Nodes()
	if want, have := "payments 10.1.2.3:8080", endpointString(nodes[0].RemoteEndpoint); want != have {
		t.Errorf("client remote: want %q, have %q", want, have)
	}
	if want, have := "frontend 2001:db8::1", endpointString(nodes[1].RemoteEndpoint); want != have {
		t.Errorf("server remote: want %q, have %q", want, have)
	}
}

func endpointString(e *model.Endpoint) string {
	if e == nil {
		return "<nil>"
	}
	s := e.ServiceName
	if e.IPv4 != nil {
		s += " " + e.IPv4.String()
	}
	if e.IPv6 != nil {
		s += " " + e.IPv6.String()
	}
	if e.Port != 0 {
		s += fmt.Sprintf(":%d", e.Port)
	}
	return s
}

func TestScenarioOldFileAndBadRemoteEndpoint(t *testing.T) {
	t.Parallel()
	// A version-1 file written before remoteEndpoint existed still loads.
	old := `{"version":1,"traces":[{"name":"GET /","kind":"CLIENT","startMs":0,"durationMs":3,
	  "children":[{"name":"GET /","service":"api","kind":"SERVER","startMs":1,"durationMs":1}]}]}`
	if _, err := ParseScenario([]byte(old)); err != nil {
		t.Fatalf("old file: %v", err)
	}
	for _, bad := range []string{
		`{"version":1,"traces":[{"name":"a","startMs":0,"durationMs":1,"remoteEndpoint":{"serviceName":""}}]}`,
		`{"version":1,"traces":[{"name":"a","startMs":0,"durationMs":1,"remoteEndpoint":{"serviceName":"x","ipv4":"::1"}}]}`,
		`{"version":1,"traces":[{"name":"a","startMs":0,"durationMs":1,"remoteEndpoint":{"serviceName":"x","ipv6":"nope"}}]}`,
		`{"version":1,"traces":[{"name":"a","startMs":0,"durationMs":1,"children":[{"name":"b","kind":"SERVER","startMs":0,"durationMs":1}]}]}`,
	} {
		if _, err := ParseScenario([]byte(bad)); !errors.Is(err, errBadScenario) {
			t.Errorf("want errBadScenario for %s, have %v", bad, err)
		}
	}
}
