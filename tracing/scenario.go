package tracing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// scenarioVersion is the format version written by SaveScenario.
const scenarioVersion = 1

// errBadScenario is wrapped by every scenario parse or validation error.
var errBadScenario = errors.New("bad scenario file")

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
// A Zipkin v2 JSON span list (an export) is read as a scenario too.
func ParseScenario(data []byte) (Scenario, error) {
	if isSpanList(data) {
		return scenarioOfSpans(data)
	}
	var sc Scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return Scenario{}, fmt.Errorf("%w: %v", errBadScenario, err)
	}
	if dec.More() {
		return Scenario{}, fmt.Errorf("%w: extra data after the scenario object", errBadScenario)
	}
	if sc.Version != scenarioVersion {
		return Scenario{}, fmt.Errorf("%w: version %d, this build reads version %d", errBadScenario, sc.Version, scenarioVersion)
	}
	if len(sc.Traces) == 0 {
		return Scenario{}, fmt.Errorf("%w: no traces", errBadScenario)
	}
	for i := range sc.Traces {
		if err := sc.Traces[i].validate(fmt.Sprintf("traces[%d]", i), 0); err != nil {
			return Scenario{}, fmt.Errorf("%w: %v", errBadScenario, err)
		}
	}
	return sc, nil
}

// maxScenarioBytes is the largest scenario file LoadScenario reads.
const maxScenarioBytes = 16 << 20

// maxScenarioMs bounds every time in a scenario (startMs, durationMs, atMs):
// one day. Larger values would put replayed timestamps before 1970, which the
// serializers reject on every flush, holding back the whole batch.
const maxScenarioMs = 24 * 60 * 60 * 1000

// LoadScenario reads and parses a scenario file. It refuses what is not a
// regular file (a FIFO would block forever, a device never ends) and a file
// over maxScenarioBytes, saying so rather than reading a truncated file.
func LoadScenario(path string) (Scenario, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Scenario{}, err
	}
	if err := scenarioFileOK(path, fi); err != nil {
		return Scenario{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return Scenario{}, err
	}
	defer f.Close()
	// The file may have been replaced between Stat and Open.
	if opened, err := f.Stat(); err != nil || !os.SameFile(fi, opened) {
		return Scenario{}, fmt.Errorf("%s changed while it was opened; try again", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxScenarioBytes+1))
	if err != nil {
		return Scenario{}, err
	}
	if len(data) > maxScenarioBytes {
		return Scenario{}, fmt.Errorf("%s grew over the scenario size limit of %d MiB while it was read", path, maxScenarioBytes>>20)
	}
	sc, err := ParseScenario(data)
	if err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	return sc, nil
}

func scenarioFileOK(path string, fi os.FileInfo) error {
	switch {
	case fi.IsDir():
		return fmt.Errorf("%s is a directory, not a scenario file", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (%s); a scenario is read from a regular file", path, fileKind(fi.Mode()))
	case fi.Size() > maxScenarioBytes:
		return fmt.Errorf("%s is %.1f MiB, over the scenario size limit of %d MiB", path, float64(fi.Size())/(1<<20), maxScenarioBytes>>20)
	}
	return nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// validate checks a span and its children; path is its place in the file
// (traces[0].children[2]), and errors name it with the span's name.
func (s ScenarioSpan) validate(path string, depth int) error {
	where := path
	if depth > maxScenarioDepth {
		return fmt.Errorf("%s: deeper than %d levels", where, maxScenarioDepth)
	}
	if strings.TrimSpace(s.Name) == "" {
		return fmt.Errorf("%s: name is empty", where)
	}
	where = fmt.Sprintf("%s %q", where, s.Name)
	if _, err := parseKind(s.Kind); err != nil {
		return fmt.Errorf("%s: %v", where, err)
	}
	if err := checkMs("startMs", s.StartMs); err != nil {
		return fmt.Errorf("%s: %v", where, err)
	}
	if err := checkMs("durationMs", s.DurationMs); err != nil {
		return fmt.Errorf("%s: %v", where, err)
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
		if strings.TrimSpace(a.Value) == "" {
			return fmt.Errorf("%s: annotations[%d] needs a value", where, i)
		}
		if err := checkMs("atMs", a.AtMs); err != nil {
			return fmt.Errorf("%s: annotations[%d]: %v", where, i, err)
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
		if err := c.validate(fmt.Sprintf("%s.children[%d]", path, i), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// checkMs refuses a time outside 0..maxScenarioMs.
func checkMs(field string, v float64) error {
	if v < 0 || v > maxScenarioMs {
		return fmt.Errorf("%s %g is out of range: use 0 to %d (one day)", field, v, maxScenarioMs)
	}
	return nil
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
	if sp.Error != "" { // when the span ends: inside it, whenever it is replayed
		_ = s.ErrorAt(n, base.Add(ms(sp.StartMs+sp.DurationMs)), sp.Error)
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
	sc := Scenario{Version: scenarioVersion, Name: name}
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
