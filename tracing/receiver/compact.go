package receiver

import (
	"hash/maphash"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/openzipkin/zipkin-go/model"
)

// storedSpan is a span as the receiver keeps it: the trace ID lives once in
// its trace, IDs are integers, times are the microseconds it is served with,
// names and endpoints are shared, tags are a slice sorted by key. It holds
// what a span says in Zipkin's v2 model, so it is served byte for byte as
// the model span it came from.
type storedSpan struct {
	id, parent    uint64 // parent 0: none
	ts, dur       int64  // µs; 0: absent
	name          string
	local, remote *model.Endpoint
	annotations   []storedAnnotation
	tags          []storedTag
	hash          uint64 // of the content, for duplicates
	kind          uint8  // index in spanKinds
	debug, shared bool
}

type storedAnnotation struct {
	ts    int64 // µs
	value string
}

type storedTag struct{ key, value string }

// spanKinds are the kinds a stored span can have, by index.
var spanKinds = [...]model.Kind{model.Undetermined, model.Client, model.Server, model.Producer, model.Consumer}

// kindIndex is k's index in spanKinds; a kind outside Zipkin's (which the
// decoders refuse) is kept as none.
func kindIndex(k model.Kind) uint8 {
	for i, known := range spanKinds {
		if k == known {
			return uint8(i)
		}
	}
	return 0
}

// Sizes of what a span costs the byte budget besides its strings.
const (
	storedSpanSize       = int(unsafe.Sizeof(storedSpan{}))
	storedTagSize        = int(unsafe.Sizeof(storedTag{}))
	storedAnnotationSize = int(unsafe.Sizeof(storedAnnotation{}))
)

// cost is what the span counts against the byte budget: its structure and
// every tag and annotation string (shared or not, so an attacker gains
// nothing from repeating one); names and endpoints are shared, bounded by
// the intern table.
func (s *storedSpan) cost() int {
	n := storedSpanSize + len(s.name)
	for _, t := range s.tags {
		n += storedTagSize + len(t.key) + len(t.value)
	}
	for _, a := range s.annotations {
		n += storedAnnotationSize + len(a.value)
	}
	return n
}

// interner shares one copy of each short string and endpoint among the
// spans that carry them; it starts over when full (sharing is an
// optimisation, never a semantic).
type interner struct {
	strs      map[string]string
	endpoints map[endpointKey]*model.Endpoint
}

// endpointKey is what makes two endpoints the same: IPs compare as the
// text they are served as (an IPv4-mapped IPv6 address is its IPv4 one).
// A comparable struct, not a joined string: building that string cost an
// allocation or four for every endpoint of every span received.
type endpointKey struct {
	service string
	v4, v6  netip.Addr
	port    uint16
}

// maxInternedLen is the longest string shared: longer ones are rarely
// repeated, and the table must not hold a large value after its spans go.
const maxInternedLen = 64

func (in *interner) str(s string) string {
	if len(s) > maxInternedLen {
		return s // the decoders' strings are their own, never a slice of the body
	}
	if shared, ok := in.strs[s]; ok {
		return shared
	}
	if in.strs == nil || len(in.strs) >= maxInterned {
		in.strs = map[string]string{}
	}
	in.strs[s] = s
	return s
}

// endpoint shares e (normalised: nil for empty, IPs in their short form).
func (in *interner) endpoint(e *model.Endpoint) *model.Endpoint {
	if e == nil {
		return nil
	}
	k := model.Endpoint{ServiceName: in.str(e.ServiceName), Port: e.Port}
	v4, ok4 := ipKey(e.IPv4)
	v6, ok6 := ipKey(e.IPv6)
	key := endpointKey{k.ServiceName, v4, v6, k.Port}
	if shared, ok := in.endpoints[key]; ok && ok4 && ok6 {
		return shared
	}
	k.IPv4, k.IPv6 = shortIP(e.IPv4), shortIP(e.IPv6)
	if !ok4 || !ok6 {
		return &k // an IP of no known length: not shared
	}
	if in.endpoints == nil || len(in.endpoints) >= maxInterned {
		in.endpoints = map[endpointKey]*model.Endpoint{}
	}
	in.endpoints[key] = &k
	return &k
}

// ipKey is ip as an endpointKey holds it: the zero Addr when absent, false
// for a length that is neither IPv4's nor IPv6's.
func ipKey(ip []byte) (netip.Addr, bool) {
	if len(ip) == 0 {
		return netip.Addr{}, true
	}
	a, ok := netip.AddrFromSlice(ip)
	return a.Unmap(), ok
}

// shortIP is a copy of ip, nil when absent.
func shortIP(ip []byte) []byte {
	if len(ip) == 0 {
		return nil
	}
	return slices.Clone(ip)
}

// compact makes a stored span of a normalised model span.
func (in *interner) compact(s *model.SpanModel, seed maphash.Seed) storedSpan {
	c := storedSpan{
		id: uint64(s.ID), ts: epochMicros(s.Timestamp), dur: durationMicros(s.Duration),
		name: in.str(s.Name), local: in.endpoint(s.LocalEndpoint), remote: in.endpoint(s.RemoteEndpoint),
		kind: kindIndex(s.Kind), debug: s.Debug, shared: s.Shared,
	}
	if s.ParentID != nil {
		c.parent = uint64(*s.ParentID)
	}
	if len(s.Annotations) > 0 {
		c.annotations = make([]storedAnnotation, len(s.Annotations))
		for i, a := range s.Annotations {
			c.annotations[i] = storedAnnotation{epochMicros(a.Timestamp), in.str(a.Value)}
		}
	}
	if len(s.Tags) > 0 {
		c.tags = make([]storedTag, 0, len(s.Tags))
		for k, v := range s.Tags {
			c.tags = append(c.tags, storedTag{in.str(k), in.str(v)})
		}
		slices.SortFunc(c.tags, func(a, b storedTag) int { return strings.Compare(a.key, b.key) })
	}
	c.hash = c.contentHash(seed)
	return c
}

// contentHash hashes what the span serves (seeded per receiver, so no sender
// can make two different spans collide on purpose).
func (s *storedSpan) contentHash(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var b [8]byte
	num := func(v uint64) {
		for i := range b {
			b[i] = byte(v >> (8 * i))
		}
		_, _ = h.Write(b[:])
	}
	str := func(v string) { num(uint64(len(v))); _, _ = h.WriteString(v) }
	ep := func(e *model.Endpoint) {
		if e == nil {
			num(0)
			return
		}
		num(1)
		str(e.ServiceName)
		str(string(e.IPv4))
		str(string(e.IPv6))
		num(uint64(e.Port))
	}
	num(s.id)
	num(s.parent)
	num(uint64(s.ts))
	num(uint64(s.dur))
	str(s.name)
	ep(s.local)
	ep(s.remote)
	num(uint64(s.kind) | boolBit(s.debug)<<8 | boolBit(s.shared)<<9)
	num(uint64(len(s.annotations)))
	for _, a := range s.annotations {
		num(uint64(a.ts))
		str(a.value)
	}
	num(uint64(len(s.tags)))
	for _, t := range s.tags {
		str(t.key)
		str(t.value)
	}
	return h.Sum64()
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// model is the stored span as a zipkin-go span model of trace tid.
func (s *storedSpan) model(tid model.TraceID) model.SpanModel {
	m := model.SpanModel{
		SpanContext: model.SpanContext{TraceID: tid, ID: model.ID(s.id), Debug: s.debug},
		Name:        s.name, Kind: spanKinds[s.kind], Shared: s.shared,
		Duration:      time.Duration(s.dur) * time.Microsecond,
		LocalEndpoint: s.local, RemoteEndpoint: s.remote,
	}
	if s.parent != 0 {
		p := model.ID(s.parent)
		m.ParentID = &p
	}
	if s.ts != 0 {
		m.Timestamp = time.UnixMicro(s.ts)
	}
	if len(s.annotations) > 0 {
		m.Annotations = make([]model.Annotation, len(s.annotations))
		for i, a := range s.annotations {
			m.Annotations[i] = model.Annotation{Value: a.value}
			if a.ts != 0 {
				m.Annotations[i].Timestamp = time.UnixMicro(a.ts)
			}
		}
	}
	if len(s.tags) > 0 {
		m.Tags = make(map[string]string, len(s.tags))
		for _, t := range s.tags {
			m.Tags[t.key] = t.value
		}
	}
	return m
}

// tag is the value of tag key, and whether the span has it.
func (s *storedSpan) tag(key string) (string, bool) {
	for _, t := range s.tags {
		if t.key == key {
			return t.value, true
		}
	}
	return "", false
}

// models is the trace's spans as zipkin-go span models.
func (t *storedTrace) models() []model.SpanModel {
	out := make([]model.SpanModel, len(t.spans))
	for i := range t.spans {
		out[i] = t.spans[i].model(t.id)
	}
	return out
}
