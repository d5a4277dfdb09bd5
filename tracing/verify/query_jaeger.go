package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
)

// JaegerQuery reads traces from Jaeger's query API (GET /api/traces/{id}, the
// API of its UI on port 16686) and maps them back to Zipkin v2 spans the way
// Jaeger's Zipkin receiver mapped them in: span.kind and the net.*/peer.* tags
// become kind and endpoints, the process is the local service, logs are
// annotations, the CHILD_OF reference is the parent.
type JaegerQuery struct{ base queryBase }

// NewJaegerQuery is Jaeger's query API at base, e.g. http://host:16686.
func NewJaegerQuery(base secret.Endpoint, opts QueryOptions) *JaegerQuery {
	return &JaegerQuery{base: newQueryBase(base, opts)}
}

// Kind is QueryKindJaeger.
func (*JaegerQuery) Kind() string { return QueryKindJaeger }

// Masked is the base URL, masked.
func (q *JaegerQuery) Masked() string { return q.base.Masked() }

// Trace GETs /api/traces/{id}; Jaeger's 404 ("trace not found") is no spans.
func (q *JaegerQuery) Trace(ctx context.Context, id model.TraceID) ([]model.SpanModel, error) {
	var body struct {
		Data []jaegerTrace `json:"data"`
	}
	found, err := q.base.getJSON(ctx, "/api/traces/"+url.PathEscape(id.String()), &body)
	if err != nil || !found {
		return nil, err
	}
	var out []model.SpanModel
	for _, t := range body.Data {
		spans, err := t.zipkinSpans()
		if err != nil {
			return nil, fmt.Errorf("GET /api/traces/%s: %v", id, err)
		}
		out = append(out, spans...)
	}
	return out, nil
}

// jaegerTrace is one trace of Jaeger's UI JSON model.
type jaegerTrace struct {
	Spans     []jaegerSpan             `json:"spans"`
	Processes map[string]jaegerProcess `json:"processes"`
}

type jaegerSpan struct {
	TraceID       string        `json:"traceID"`
	SpanID        string        `json:"spanID"`
	OperationName string        `json:"operationName"`
	References    []jaegerRef   `json:"references"`
	Flags         uint32        `json:"flags"`
	StartTime     int64         `json:"startTime"` // µs
	Duration      int64         `json:"duration"`  // µs
	Tags          []jaegerKV    `json:"tags"`
	Logs          []jaegerLog   `json:"logs"`
	ProcessID     string        `json:"processID"`
	Process       jaegerProcess `json:"process"`
}

type jaegerRef struct {
	RefType string `json:"refType"`
	SpanID  string `json:"spanID"`
}

type jaegerKV struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

type jaegerLog struct {
	Timestamp int64      `json:"timestamp"` // µs
	Fields    []jaegerKV `json:"fields"`
}

type jaegerProcess struct {
	ServiceName string     `json:"serviceName"`
	Tags        []jaegerKV `json:"tags"`
}

// jaegerDebugFlag is the debug bit of a Jaeger span's flags.
const jaegerDebugFlag = 2

func (t jaegerTrace) zipkinSpans() ([]model.SpanModel, error) {
	out := make([]model.SpanModel, 0, len(t.Spans))
	for _, js := range t.Spans {
		p, ok := t.Processes[js.ProcessID]
		if !ok {
			p = js.Process
		}
		s, err := js.zipkin(p)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (js jaegerSpan) zipkin(p jaegerProcess) (model.SpanModel, error) {
	var s model.SpanModel
	var err error
	if s.TraceID, err = model.TraceIDFromHex(js.TraceID); err != nil {
		return s, fmt.Errorf("span %q: trace ID %q: %v", js.SpanID, js.TraceID, err)
	}
	id, err := strconv.ParseUint(js.SpanID, 16, 64)
	if err != nil {
		return s, fmt.Errorf("span ID %q: %v", js.SpanID, err)
	}
	s.ID = model.ID(id)
	for _, r := range js.References {
		if r.RefType != "CHILD_OF" {
			continue
		}
		if pid, err := strconv.ParseUint(r.SpanID, 16, 64); err == nil {
			parent := model.ID(pid)
			s.ParentID = &parent
			break
		}
	}
	s.Name = js.OperationName
	s.Debug = js.Flags&jaegerDebugFlag != 0
	if js.StartTime > 0 {
		s.Timestamp = time.UnixMicro(js.StartTime)
	}
	s.Duration = time.Duration(js.Duration) * time.Microsecond
	tags := jaegerTags(js.Tags)
	s.Kind = takeKind(tags)
	s.LocalEndpoint = takeEndpoint(tags, p.ServiceName, localIPKeys, localPortKeys)
	if s.LocalEndpoint != nil && len(s.LocalEndpoint.IPv4) == 0 && len(s.LocalEndpoint.IPv6) == 0 && s.LocalEndpoint.Port == 0 {
		// Jaeger's Zipkin v1 decoder puts the local address on the process.
		if ep := takeEndpoint(jaegerTags(p.Tags), p.ServiceName, processIPKeys, processPortKeys); ep != nil {
			s.LocalEndpoint = ep
		}
	}
	peer := tags["peer.service"]
	delete(tags, "peer.service")
	s.RemoteEndpoint = takeEndpoint(tags, peer, peerIPKeys, peerPortKeys)
	if len(tags) > 0 {
		s.Tags = tags
	}
	for _, l := range js.Logs {
		s.Annotations = append(s.Annotations, model.Annotation{Timestamp: time.UnixMicro(l.Timestamp), Value: logValue(l.Fields)})
	}
	return s, nil
}

// jaegerTags flattens Jaeger's typed tags to Zipkin's strings. A key Jaeger
// lists twice (it keeps an error message and adds error=true from the
// OpenTelemetry status) keeps both values, joined by ", ", so the report
// shows all that was stored.
func jaegerTags(kvs []jaegerKV) map[string]string {
	tags := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		v := kvText(kv.Value)
		if old, ok := tags[kv.Key]; ok && old != v {
			v = old + ", " + v
		}
		tags[kv.Key] = v
	}
	return tags
}

// kvText is a Jaeger value as Zipkin's string tag: strings unquoted, numbers
// and booleans as written.
func kvText(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// takeKind removes span.kind and returns it as a Zipkin kind (internal and
// unknown kinds are none, as in Zipkin).
func takeKind(tags map[string]string) model.Kind {
	k, ok := tags["span.kind"]
	if !ok {
		return model.Undetermined
	}
	delete(tags, "span.kind")
	switch strings.ToLower(k) {
	case "client":
		return model.Client
	case "server":
		return model.Server
	case "producer":
		return model.Producer
	case "consumer":
		return model.Consumer
	}
	return model.Undetermined
}

// The tags Jaeger's Zipkin receiver writes an endpoint's address as (and
// those Jaeger v1's own Zipkin translator wrote, peer.ipv4/6 and peer.port).
var (
	localIPKeys   = []string{"net.host.ip"}
	localPortKeys = []string{"net.host.port"}
	peerIPKeys    = []string{"net.peer.ip", "peer.ipv4", "peer.ipv6"}
	peerPortKeys  = []string{"net.peer.port", "peer.port"}
	// Process tags of a span that came in as Zipkin v1.
	processIPKeys   = []string{"ipv4", "ipv6"}
	processPortKeys = []string{"port"}
)

// takeEndpoint removes the tags an endpoint was written as and rebuilds it;
// nil when nothing is there.
func takeEndpoint(tags map[string]string, service string, ipKeys, portKeys []string) *model.Endpoint {
	ep := &model.Endpoint{ServiceName: service}
	for _, k := range ipKeys {
		v, ok := tags[k]
		if !ok {
			continue
		}
		delete(tags, k)
		if ip := net.ParseIP(v); ip != nil && ip.To4() != nil {
			ep.IPv4 = ip.To4()
		} else if ip != nil {
			ep.IPv6 = ip
		}
	}
	for _, k := range portKeys {
		v, ok := tags[k]
		if !ok {
			continue
		}
		delete(tags, k)
		if n, err := strconv.ParseUint(v, 10, 16); err == nil {
			ep.Port = uint16(n)
		}
	}
	if ep.Empty() {
		return nil
	}
	return ep
}

// logValue is the annotation a Jaeger log stands for: its "event" field when
// that is all there is, else every field as key=value.
func logValue(fields []jaegerKV) string {
	if len(fields) == 1 && fields[0].Key == "event" {
		return kvText(fields[0].Value)
	}
	parts := make([]string, 0, len(fields))
	for _, f := range fields {
		parts = append(parts, f.Key+"="+kvText(f.Value))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
