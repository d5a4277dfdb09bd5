package tracing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// ScenarioVersion is the format version written by SaveScenario.
const ScenarioVersion = 1

// ErrBadScenario is wrapped by every scenario parse or validation error.
var ErrBadScenario = errors.New("bad scenario file")

// Scenario is a saved set of span trees: shapes, names, kinds, tags,
// annotations and relative timing. IDs and timestamps are made fresh on
// replay. It never holds an endpoint or header, so it holds no secret.
type Scenario struct {
	Version     int            `json:"version"`
	Name        string         `json:"name,omitempty"`
	Description string         `json:"description,omitempty"`
	Traces      []ScenarioSpan `json:"traces"`
}

// ScenarioSpan is one span and its children. Times are milliseconds relative
// to the start of the trace's root.
type ScenarioSpan struct {
	Name        string               `json:"name"`
	Service     string               `json:"service,omitempty"`
	Kind        string               `json:"kind,omitempty"`
	StartMs     float64              `json:"startMs"`
	DurationMs  float64              `json:"durationMs"`
	Running     bool                 `json:"running,omitempty"`
	Debug       bool                 `json:"debug,omitempty"`
	Tags        map[string]string    `json:"tags,omitempty"`
	Error       string               `json:"error,omitempty"`
	Annotations []ScenarioAnnotation `json:"annotations,omitempty"`
	// RemoteEndpoint is the other side of the call (optional; files written
	// before it existed load unchanged).
	RemoteEndpoint *ScenarioEndpoint `json:"remoteEndpoint,omitempty"`
	Children       []ScenarioSpan    `json:"children,omitempty"`
}

// ScenarioEndpoint is a span's remote endpoint, in Zipkin's v2 field names.
type ScenarioEndpoint struct {
	ServiceName string `json:"serviceName"`
	IPv4        string `json:"ipv4,omitempty"`
	IPv6        string `json:"ipv6,omitempty"`
	Port        uint16 `json:"port,omitempty"`
}

// ScenarioAnnotation is an annotation at a time relative to the root.
type ScenarioAnnotation struct {
	AtMs  float64 `json:"atMs"`
	Value string  `json:"value"`
}

const maxScenarioDepth = 64

// ParseScenario decodes and validates a scenario; unknown fields are errors.
func ParseScenario(data []byte) (Scenario, error) {
	var sc Scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return Scenario{}, fmt.Errorf("%w: %v", ErrBadScenario, err)
	}
	if dec.More() {
		return Scenario{}, fmt.Errorf("%w: extra data after the scenario object", ErrBadScenario)
	}
	if sc.Version != ScenarioVersion {
		return Scenario{}, fmt.Errorf("%w: version %d, this build reads version %d", ErrBadScenario, sc.Version, ScenarioVersion)
	}
	if len(sc.Traces) == 0 {
		return Scenario{}, fmt.Errorf("%w: no traces", ErrBadScenario)
	}
	for i := range sc.Traces {
		if err := sc.Traces[i].validate(fmt.Sprintf("traces[%d]", i), 0); err != nil {
			return Scenario{}, fmt.Errorf("%w: %v", ErrBadScenario, err)
		}
	}
	return sc, nil
}

// LoadScenario reads and parses a scenario file.
func LoadScenario(path string) (Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return Scenario{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return Scenario{}, err
	}
	sc, err := ParseScenario(data)
	if err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	return sc, nil
}

func (s ScenarioSpan) validate(where string, depth int) error {
	if depth > maxScenarioDepth {
		return fmt.Errorf("%s: deeper than %d levels", where, maxScenarioDepth)
	}
	if strings.TrimSpace(s.Name) == "" {
		return fmt.Errorf("%s: name is empty", where)
	}
	if _, err := parseKind(s.Kind); err != nil {
		return fmt.Errorf("%s: %v", where, err)
	}
	if s.StartMs < 0 || s.DurationMs < 0 {
		return fmt.Errorf("%s: startMs and durationMs must not be negative", where)
	}
	if s.Debug && depth > 0 {
		return fmt.Errorf("%s: debug is set on a trace's root only", where)
	}
	for k := range s.Tags {
		if strings.TrimSpace(k) == "" {
			return fmt.Errorf("%s: a tag has an empty key", where)
		}
	}
	for i, a := range s.Annotations {
		if strings.TrimSpace(a.Value) == "" || a.AtMs < 0 {
			return fmt.Errorf("%s.annotations[%d]: needs a value and atMs ≥ 0", where, i)
		}
	}
	if s.RemoteEndpoint != nil {
		if _, err := s.RemoteEndpoint.endpoint(); err != nil {
			return fmt.Errorf("%s.remoteEndpoint: %v", where, err)
		}
	}
	if err := s.checkServerChildren(); err != nil {
		return fmt.Errorf("%s: %v", where, err)
	}
	for i, c := range s.Children {
		if err := c.validate(fmt.Sprintf("%s.children[%d]", where, i), depth+1); err != nil {
			return err
		}
	}
	return nil
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

func parseKind(s string) (model.Kind, error) {
	switch k := model.Kind(strings.ToUpper(strings.TrimSpace(s))); k {
	case model.Undetermined, model.Client, model.Server, model.Producer, model.Consumer:
		return k, nil
	}
	return "", fmt.Errorf("kind %q: use CLIENT, SERVER, PRODUCER, CONSUMER or leave it out", s)
}

// Replay starts every span of sc with fresh IDs, timestamps relative to now,
// and finishes those with a duration. It returns the roots. The scenario must
// come from ParseScenario, so nothing fails half-way.
func (s *Session) Replay(sc Scenario) ([]*Node, error) {
	var end float64
	for _, t := range sc.Traces {
		end = max(end, t.extentMs())
	}
	base := time.Now().Add(-ms(end)) // the replayed traces end now

	var roots []*Node
	for _, t := range sc.Traces {
		root, err := s.replay(nil, t, base)
		if err != nil {
			return roots, err
		}
		roots = append(roots, root)
	}
	return roots, nil
}

// extentMs is when the last span of the tree ends, relative to the root.
func (s ScenarioSpan) extentMs() float64 {
	end := s.StartMs + s.DurationMs
	for _, a := range s.Annotations {
		end = max(end, a.AtMs)
	}
	for _, c := range s.Children {
		end = max(end, c.extentMs())
	}
	return end
}

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

func (s *Session) replay(parent *Node, sp ScenarioSpan, base time.Time) (*Node, error) {
	kind, _ := parseKind(sp.Kind)
	var remote *model.Endpoint
	if sp.RemoteEndpoint != nil {
		remote, _ = sp.RemoteEndpoint.endpoint() // validated by ParseScenario
	}
	n, err := s.Start(parent, SpanOptions{
		Name: sp.Name, Kind: &kind, Service: sp.Service, Start: base.Add(ms(sp.StartMs)), Debug: sp.Debug,
		Remote: remote,
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(sp.Tags))
	for k := range sp.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_ = s.Tag(n, k, sp.Tags[k])
	}
	if sp.Error != "" {
		_ = s.Error(n, sp.Error)
	}
	for _, a := range sp.Annotations {
		_ = s.AnnotateAt(n, base.Add(ms(a.AtMs)), a.Value)
	}
	for _, c := range sp.Children {
		if _, err := s.replay(n, c, base); err != nil {
			return nil, err
		}
	}
	if !sp.Running {
		_ = s.FinishWithDuration(n, ms(sp.DurationMs))
	}
	return n, nil
}

// Scenario describes the session's current trees for saving. Running spans
// are saved as running.
func (s *Session) Scenario(name string) Scenario {
	sc := Scenario{Version: ScenarioVersion, Name: name}
	for _, r := range s.tree.Roots() {
		sc.Traces = append(sc.Traces, s.scenarioSpan(r, r.Start))
	}
	return sc
}

func (s *Session) scenarioSpan(n *Node, base time.Time) ScenarioSpan {
	sp := ScenarioSpan{
		Name: n.Name, Kind: string(n.Kind), StartMs: msOf(n.Start.Sub(base)),
		Running: !n.Finished, Debug: n.Parent == nil && n.Context.Debug,
		RemoteEndpoint: scenarioEndpoint(n.RemoteEndpoint),
	}
	if n.Service != s.cfg.Service {
		sp.Service = n.Service
	}
	if n.Finished {
		sp.DurationMs = msOf(n.Duration)
	}
	if len(n.Tags) > 0 {
		sp.Tags = map[string]string{}
		for k, v := range n.Tags {
			sp.Tags[k] = v
		}
	}
	for _, a := range n.Annotations {
		sp.Annotations = append(sp.Annotations, ScenarioAnnotation{AtMs: msOf(a.Timestamp.Sub(base)), Value: a.Value})
	}
	for _, c := range n.Children {
		sp.Children = append(sp.Children, s.scenarioSpan(c, base))
	}
	return sp
}

func msOf(d time.Duration) float64 {
	if d < 0 {
		d = 0
	}
	return float64(d.Microseconds()) / 1000
}

// MarshalScenario is the file form: indented JSON with a trailing newline.
func MarshalScenario(sc Scenario) ([]byte, error) {
	b, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
