package zipkinv1

import (
	"sort"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// v2Builder is a v2 span under construction (Zipkin's Span.Builder): times in
// µs, zero meaning absent.
type v2Builder struct {
	src                 *v1Span
	name                string
	kind                model.Kind
	local, remote       *model.Endpoint
	timestamp, duration int64
	annotations         []v1Annotation // endpoint unused
	tags                map[string]string
	shared              bool
}

func (b *v2Builder) setTimestamp(us int64) { b.timestamp = max(us, 0) }
func (b *v2Builder) setDuration(us int64)  { b.duration = max(us, 0) }
func (b *v2Builder) annotate(ts int64, value string) {
	b.annotations = append(b.annotations, v1Annotation{Timestamp: ts, Value: value})
}

// v1Converter is Zipkin's V1SpanConverter: one v1 span becomes one v2 span
// per service that recorded it (a CLIENT and a shared SERVER span for an RPC
// reported by both sides).
type v1Converter struct {
	src                            *v1Span
	first                          *v2Builder
	spans                          []*v2Builder // first included, in order
	cs, sr, ss, cr, ms, mr, ws, wr *v1Annotation
}

// convertV1 converts one v1 span; the spans are appended to out.
func convertV1(src v1Span, out []model.SpanModel) ([]model.SpanModel, error) {
	if src.TraceID == 0 { // Zipkin requires the low 64 bits, even of a 128-bit ID
		return out, errV1TraceID
	}
	if src.ID == 0 {
		return out, errV1ID
	}
	if err := checkV1Times(&src); err != nil {
		return out, err
	}
	sortV1(&src)
	c := &v1Converter{src: &src}
	c.first = c.fork(nil)
	c.processAnnotations()
	c.processBinaryAnnotations()
	for _, b := range c.spans {
		out = append(out, b.build())
	}
	return out, nil
}

// forEndpoint is the span of the service that recorded e: data without an
// endpoint goes to the first span, which also takes the first endpoint seen.
func (c *v1Converter) forEndpoint(e *model.Endpoint) *v2Builder {
	if e == nil {
		return c.first
	}
	for _, b := range c.spans {
		if b.local == nil {
			b.local = e
			return b
		}
		if sameServiceName(b.local, e) {
			return b
		}
	}
	return c.fork(e)
}

// fork starts another v2 span of the same v1 span, recorded by e.
func (c *v1Converter) fork(e *model.Endpoint) *v2Builder {
	b := &v2Builder{src: c.src, name: c.src.Name, local: e}
	c.spans = append(c.spans, b)
	return b
}

// kindAnnotation records a core annotation; it returns false for others.
// Core annotations need an endpoint to count as such.
func (c *v1Converter) kindAnnotation(a *v1Annotation, span *v2Builder) bool {
	if a.Endpoint == nil {
		return false
	}
	var slot **v1Annotation
	kind := model.Undetermined
	switch a.Value {
	case "cs":
		slot, kind = &c.cs, model.Client
	case "cr":
		slot, kind = &c.cr, model.Client
	case "sr":
		slot, kind = &c.sr, model.Server
	case "ss":
		slot, kind = &c.ss, model.Server
	case "ms":
		slot, kind = &c.ms, model.Producer
	case "mr":
		slot, kind = &c.mr, model.Consumer
	case "ws":
		slot = &c.ws
	case "wr":
		slot = &c.wr
	default:
		return false
	}
	*slot = a
	if kind != model.Undetermined {
		span.kind = kind
	}
	return true
}

func (c *v1Converter) processAnnotations() {
	src := c.src
	for i := range src.Annotations {
		a := &src.Annotations[i]
		span := c.forEndpoint(a.Endpoint)
		if !c.kindAnnotation(a, span) {
			span.annotate(a.Timestamp, a.Value)
		}
	}
	// Bridged data can miss the start annotation: the span's own timestamp is it.
	if c.cs == nil && endReflectsDuration(c.cr, src) {
		c.cs = &v1Annotation{Timestamp: src.Timestamp, Value: "cs", Endpoint: c.cr.Endpoint}
	}
	if c.sr == nil && endReflectsDuration(c.ss, src) {
		c.sr = &v1Annotation{Timestamp: src.Timestamp, Value: "sr", Endpoint: c.ss.Endpoint}
	}
	c.rpcTimes()
	// v1 had no shared flag: a server side without the span's timestamp is shared.
	if c.cs == nil && c.sr != nil && (src.Timestamp == 0 || (c.ss != nil && src.Duration == 0)) {
		c.forEndpoint(c.sr.Endpoint).shared = true
	}
	c.messagingTimes()
}

func (c *v1Converter) rpcTimes() {
	cs, sr, ss, cr := c.cs, c.sr, c.ss, c.cr
	switch {
	case cs != nil && sr != nil:
		// In a shared span the client side owns the span's timestamp and duration.
		c.timestampDuration(cs, cr)
		client := c.forEndpoint(cs.Endpoint)
		var server *v2Builder
		if sameServiceName(cs.Endpoint, sr.Endpoint) { // loopback: still two spans
			client.kind = model.Client
			server = c.fork(sr.Endpoint)
			server.kind = model.Server
		} else {
			server = c.forEndpoint(sr.Endpoint)
		}
		server.shared = true
		server.setTimestamp(sr.Timestamp)
		if ss != nil {
			server.setDuration(ss.Timestamp - sr.Timestamp)
		}
		if cr == nil && c.src.Duration == 0 {
			client.duration = 0 // one-way RPC
		}
	case cs != nil && cr != nil:
		c.timestampDuration(cs, cr)
	case sr != nil && ss != nil:
		c.timestampDuration(sr, ss)
	default: // an incomplete RPC
		for _, b := range c.spans {
			c.incompleteRPC(b)
		}
		if c.src.Timestamp != 0 {
			c.first.setTimestamp(c.src.Timestamp)
			c.first.setDuration(c.src.Duration)
		}
	}
}

func (c *v1Converter) incompleteRPC(b *v2Builder) {
	switch b.kind {
	case model.Client:
		if c.cs != nil {
			b.setTimestamp(c.cs.Timestamp)
		}
		if c.cr != nil {
			b.annotate(c.cr.Timestamp, c.cr.Value)
		}
	case model.Server:
		if c.sr != nil {
			b.setTimestamp(c.sr.Timestamp)
		}
		if c.ss != nil {
			b.annotate(c.ss.Timestamp, c.ss.Value)
		}
	}
}

func (c *v1Converter) messagingTimes() {
	ms, mr, ws, wr := c.ms, c.mr, c.ws, c.wr
	switch {
	case ms != nil && mr != nil: // not supposed to share an ID, but must not break
		producer := c.forEndpoint(ms.Endpoint)
		var consumer *v2Builder
		if sameServiceName(ms.Endpoint, mr.Endpoint) {
			producer.kind = model.Producer
			consumer = c.fork(mr.Endpoint)
			consumer.kind = model.Consumer
		} else {
			consumer = c.forEndpoint(mr.Endpoint)
		}
		consumer.shared = true
		if wr != nil {
			consumer.setTimestamp(wr.Timestamp)
			consumer.setDuration(mr.Timestamp - wr.Timestamp)
		} else {
			consumer.setTimestamp(mr.Timestamp)
		}
		producer.setTimestamp(ms.Timestamp)
		producer.duration = 0
		if ws != nil {
			producer.setDuration(ws.Timestamp - ms.Timestamp)
		}
	case ms != nil:
		c.timestampDuration(ms, ws)
	case mr != nil && wr != nil:
		c.timestampDuration(wr, mr)
	case mr != nil:
		c.timestampDuration(mr, nil)
	default:
		if ws != nil {
			c.forEndpoint(ws.Endpoint).annotate(ws.Timestamp, ws.Value)
		}
		if wr != nil {
			c.forEndpoint(wr.Endpoint).annotate(wr.Timestamp, wr.Value)
		}
	}
}

func endReflectsDuration(end *v1Annotation, src *v1Span) bool {
	return end != nil && src.Timestamp != 0 && src.Duration != 0 && src.Timestamp+src.Duration == end.Timestamp
}

// timestampDuration prefers the span's own timestamp and duration, else the
// core annotations'.
func (c *v1Converter) timestampDuration(begin, end *v1Annotation) {
	span := c.forEndpoint(begin.Endpoint)
	if c.src.Timestamp != 0 && c.src.Duration != 0 {
		span.setTimestamp(c.src.Timestamp)
		span.setDuration(c.src.Duration)
		return
	}
	span.setTimestamp(begin.Timestamp)
	if end != nil {
		span.setDuration(end.Timestamp - begin.Timestamp)
	}
}

// build is Span.Builder.build plus the mapping to zipkin-go's model: no
// parent equal to the span's own ID, no shared CLIENT, annotations sorted
// and deduplicated.
func (b *v2Builder) build() model.SpanModel {
	src := b.src
	s := model.SpanModel{
		SpanContext: model.SpanContext{
			TraceID: model.TraceID{High: src.TraceIDHigh, Low: src.TraceID},
			ID:      model.ID(src.ID),
			Debug:   src.Debug,
		},
		Shared: b.shared && b.kind != model.Client,
		Name:   b.name, Kind: b.kind, LocalEndpoint: b.local, RemoteEndpoint: b.remote,
	}
	if src.ParentID != 0 && src.ParentID != src.ID {
		p := model.ID(src.ParentID)
		s.ParentID = &p
	}
	if b.timestamp != 0 {
		s.Timestamp = time.UnixMicro(b.timestamp)
	}
	s.Duration = time.Duration(min(b.duration, maxV1Micros)) * time.Microsecond
	sort.SliceStable(b.annotations, func(i, j int) bool {
		x, y := b.annotations[i], b.annotations[j]
		return x.Timestamp < y.Timestamp || x.Timestamp == y.Timestamp && x.Value < y.Value
	})
	for i, a := range b.annotations {
		if i > 0 && a.Timestamp == b.annotations[i-1].Timestamp && a.Value == b.annotations[i-1].Value {
			continue
		}
		s.Annotations = append(s.Annotations, model.Annotation{Timestamp: time.UnixMicro(a.Timestamp), Value: a.Value})
	}
	if len(b.tags) > 0 {
		s.Tags = b.tags
	}
	return s
}

// processBinaryAnnotations turns string binary annotations into tags of the
// span of the service that recorded them, and address annotations into
// remote endpoints.
func (c *v1Converter) processBinaryAnnotations() {
	var ca, sa, ma *model.Endpoint
	for _, b := range c.src.BinaryAnnotations {
		// Address annotations are read by key whatever their value: zipkin-js
		// sends true, zipkin-ruby "1", we send "true".
		switch b.Key {
		case "ca":
			ca = b.Endpoint
			continue
		case "sa":
			sa = b.Endpoint
			continue
		case "ma":
			ma = b.Endpoint
			continue
		}
		span := c.forEndpoint(b.Endpoint)
		if b.Key == "lc" && b.Value == "" { // an empty "lc" only carries the local endpoint
			continue
		}
		if span.tags == nil {
			span.tags = map[string]string{}
		}
		span.tags[b.Key] = b.Value
	}
	c.addresses(ca, sa, ma)
}

func (c *v1Converter) addresses(ca, sa, ma *model.Endpoint) {
	if c.cs == nil && c.cr == nil && c.ss == nil && c.sr == nil && (ca != nil || sa != nil) {
		switch {
		case ca != nil && sa != nil:
			c.forEndpoint(ca).remote = sa
		case sa != nil: // "sa" is the default remote address: not a client span
			c.forEndpoint(nil).remote = sa
		default: // only "ca": a server
			span := c.forEndpoint(nil)
			span.kind, span.remote = model.Server, ca
		}
		return
	}
	server := c.sr
	if server == nil {
		server = c.ss
	}
	if ca != nil && server != nil && !sameEndpoint(ca, server.Endpoint) {
		// Finagle puts the client's socket in "ca" with the server's service
		// name: drop the name rather than link the service to itself.
		if sameServiceName(ca, server.Endpoint) {
			e := *ca
			e.ServiceName = ""
			ca = normalEndpoint(&e)
		}
		c.forEndpoint(server.Endpoint).remote = ca
	}
	if sa != nil {
		if c.cs != nil {
			c.forEndpoint(c.cs.Endpoint).remote = sa
		} else if c.cr != nil {
			c.forEndpoint(c.cr.Endpoint).remote = sa
		}
	}
	if ma != nil { // both sides of a messaging span get the broker
		if c.ms != nil {
			c.forEndpoint(c.ms.Endpoint).remote = ma
		}
		if c.mr != nil {
			c.forEndpoint(c.mr.Endpoint).remote = ma
		}
	}
}
