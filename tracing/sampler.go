package tracing

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	zipkin "github.com/openzipkin/zipkin-go"
)

// SamplerKind names one of zipkin-go's five samplers.
type SamplerKind string

// The samplers zipkin-go offers.
const (
	SamplerAlways   SamplerKind = "always"
	SamplerNever    SamplerKind = "never"
	SamplerModulo   SamplerKind = "modulo"
	SamplerBoundary SamplerKind = "boundary"
	SamplerCounting SamplerKind = "counting"
)

// samplerDef is one of zipkin-go's samplers, everything the playground knows
// of it in one row: adding a sampler is adding a row.
type samplerDef struct {
	kind      SamplerKind
	describe  string // one line for the picker
	paramHint string // the parameter it needs, "" for none
	// parse reads the parameter into spec (nil: it takes none).
	parse func(spec *SamplerSpec, param string) error
	// param is the parameter in --sampler form.
	param   func(SamplerSpec) string
	build   func(SamplerSpec) (zipkin.Sampler, error)
	explain func(s *Sampler, traceIDLow uint64, decision bool) string
}

// samplerDefs are zipkin-go's five samplers, in the order a picker shows them.
var samplerDefs = []samplerDef{
	{kind: SamplerAlways, describe: "sample every trace",
		build:   func(SamplerSpec) (zipkin.Sampler, error) { return zipkin.AlwaysSample, nil },
		explain: func(*Sampler, uint64, bool) string { return "always: every trace is sampled" }},
	{kind: SamplerNever, describe: "sample no trace (spans still get IDs and B3 headers)",
		build: func(SamplerSpec) (zipkin.Sampler, error) { return zipkin.NeverSample, nil },
		explain: func(*Sampler, uint64, bool) string {
			return "never: no trace is sampled; the span is built but never sent"
		}},
	{kind: SamplerModulo, describe: "sample when trace ID (low 64 bits) mod N = 0; N < 2 samples all",
		paramHint: "N, e.g. 10", parse: parseModulo,
		param:   func(s SamplerSpec) string { return strconv.FormatUint(s.Modulo, 10) },
		build:   func(s SamplerSpec) (zipkin.Sampler, error) { return zipkin.NewModuloSampler(s.Modulo), nil },
		explain: explainModulo},
	{kind: SamplerBoundary, describe: "sample a RATE share by trace ID, consistently (0 or 0.0001..1)",
		paramHint: "RATE 0 or 0.0001..1, e.g. 0.5", parse: parseRate, param: formatRate,
		build:   func(s SamplerSpec) (zipkin.Sampler, error) { return zipkin.NewBoundarySampler(s.Rate, boundarySalt) },
		explain: explainBoundaryDecision},
	{kind: SamplerCounting, describe: "sample RATE×100 of every 100 traces, in random order (0 or 0.01..1)",
		paramHint: "RATE 0 or 0.01..1, e.g. 0.3", parse: parseRate, param: formatRate,
		build:   func(s SamplerSpec) (zipkin.Sampler, error) { return zipkin.NewCountingSampler(s.Rate) },
		explain: explainCounting},
}

// SamplerKinds lists the samplers in the order a picker shows them.
var SamplerKinds = func() []SamplerKind {
	kinds := make([]SamplerKind, len(samplerDefs))
	for i, d := range samplerDefs {
		kinds[i] = d.kind
	}
	return kinds
}()

func samplerDefOf(k SamplerKind) (samplerDef, bool) {
	for _, d := range samplerDefs {
		if d.kind == k {
			return d, true
		}
	}
	return samplerDef{}, false
}

// errBadSampler is wrapped by every sampler spec parse error.
var errBadSampler = errors.New("bad sampler")

// SamplerSpec is a parsed --sampler value such as "modulo:10".
type SamplerSpec struct {
	Kind SamplerKind
	// Modulo is N for modulo:N.
	Modulo uint64
	// Rate is RATE for boundary:RATE and counting:RATE.
	Rate float64
}

// defaultSamplerSpec is the seed's sampler, modulo:1 (every trace).
func defaultSamplerSpec() SamplerSpec { return SamplerSpec{Kind: SamplerModulo, Modulo: 1} }

// Describe is one line on what a sampler kind does, for the picker.
func (k SamplerKind) Describe() string {
	d, _ := samplerDefOf(k)
	return d.describe
}

// ParamHint is the parameter a kind needs, or "" for none.
func (k SamplerKind) ParamHint() string {
	d, _ := samplerDefOf(k)
	return d.paramHint
}

// ParseSamplerSpec parses always, never, modulo:N, boundary:RATE, counting:RATE.
// Ranges are zipkin-go's own: the sampler constructors are asked.
func ParseSamplerSpec(s string) (SamplerSpec, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	name, param, hasParam := strings.Cut(s, ":")
	d, ok := samplerDefOf(SamplerKind(name))
	switch {
	case !ok:
		return SamplerSpec{}, fmt.Errorf("%w: %q is not one of always, never, modulo:N, boundary:RATE, counting:RATE", errBadSampler, s)
	case d.parse == nil && hasParam:
		return SamplerSpec{}, fmt.Errorf("%w: %q takes no parameter", errBadSampler, name)
	}
	spec := SamplerSpec{Kind: d.kind}
	if d.parse != nil {
		if err := d.parse(&spec, param); err != nil {
			return SamplerSpec{}, err
		}
	}
	if _, err := spec.zipkinSampler(); err != nil {
		return SamplerSpec{}, fmt.Errorf("%w: %s: %v", errBadSampler, name, err)
	}
	return spec, nil
}

func parseModulo(spec *SamplerSpec, param string) (err error) {
	if spec.Modulo, err = strconv.ParseUint(param, 10, 64); err != nil {
		return fmt.Errorf("%w: modulo needs a whole number N ≥ 0, as in modulo:10 (got %q)", errBadSampler, param)
	}
	return nil
}

func parseRate(spec *SamplerSpec, param string) (err error) {
	if spec.Rate, err = strconv.ParseFloat(param, 64); err != nil || !finite(spec.Rate) {
		return fmt.Errorf("%w: %s needs a rate, as in %s:0.5 (got %q)", errBadSampler, spec.Kind, spec.Kind, param)
	}
	return nil
}

func formatRate(s SamplerSpec) string { return strconv.FormatFloat(s.Rate, 'g', -1, 64) }

// String is the spec in --sampler form.
func (s SamplerSpec) String() string {
	if d, ok := samplerDefOf(s.Kind); ok && d.param != nil {
		return string(s.Kind) + ":" + d.param(s)
	}
	return string(s.Kind)
}

// boundarySalt is fixed so a boundary decision can be explained and repeated.
const boundarySalt = 0

// Validate checks the spec the way zipkin-go's constructors would, and
// first refuses NaN and ±Inf, which zipkin-go's range checks let through
// (NaN compares false with every bound; counting:NaN then panics).
func (s SamplerSpec) Validate() error {
	if _, err := s.zipkinSampler(); err != nil {
		return &ConfigError{Field: FieldSampler, Reason: err.Error()}
	}
	return nil
}

func (s SamplerSpec) zipkinSampler() (zipkin.Sampler, error) {
	if (s.Kind == SamplerBoundary || s.Kind == SamplerCounting) && !finite(s.Rate) {
		return nil, fmt.Errorf("%s rate must be a number between 0 and 1, got %v", s.Kind, s.Rate)
	}
	d, ok := samplerDefOf(s.Kind)
	if !ok {
		return nil, fmt.Errorf("%w: unknown sampler %q", errBadSampler, s.Kind)
	}
	return d.build(s)
}

// Sampler is zipkin-go's sampler for a spec, wrapped so that each decision can
// be explained afterwards.
type Sampler struct {
	Spec   SamplerSpec
	sample zipkin.Sampler

	mu    sync.Mutex
	calls uint64
	last  map[uint64]string // trace ID low → explanation (counting only)
}

// NewSampler builds the sampler for spec.
func NewSampler(spec SamplerSpec) (*Sampler, error) {
	z, err := spec.zipkinSampler()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadSampler, err)
	}
	return &Sampler{Spec: spec, sample: z, last: map[uint64]string{}}, nil
}

// Sample is the zipkin.Sampler handed to the tracer.
func (s *Sampler) Sample(traceIDLow uint64) bool {
	decision := s.sample(traceIDLow)
	if s.Spec.Kind == SamplerCounting && s.Spec.Rate != 0 && s.Spec.Rate != 1 {
		s.mu.Lock()
		pos := s.calls%100 + 1
		s.calls++
		s.last[traceIDLow] = fmt.Sprintf("counting %s: %d of every 100 traces, in an order drawn at start; this was trace %d of its 100 → %s",
			strconv.FormatFloat(s.Spec.Rate, 'g', -1, 64), int(s.Spec.Rate*100+0.5), pos, sampledWord(decision))
		s.mu.Unlock()
	}
	return decision
}

// Explain says why a trace ID got decision.
func (s *Sampler) Explain(traceIDLow uint64, decision bool) string {
	if d, ok := samplerDefOf(s.Spec.Kind); ok {
		return d.explain(s, traceIDLow, decision)
	}
	return sampledWord(decision)
}

func explainModulo(s *Sampler, id uint64, decision bool) string {
	mod := s.Spec.Modulo
	if mod < 2 {
		return fmt.Sprintf("modulo %d: N < 2 samples every trace", mod)
	}
	rem := id % mod
	rel := "="
	if rem != 0 {
		rel = "≠"
	}
	return fmt.Sprintf("modulo %d: trace ID low 64 bits mod %d = %d %s 0 → %s", mod, mod, rem, rel, sampledWord(decision))
}

func explainBoundaryDecision(s *Sampler, id uint64, decision bool) string {
	rate := formatRate(s.Spec)
	if s.Spec.Rate == 0 || s.Spec.Rate == 1 {
		return fmt.Sprintf("boundary %s: rate %s samples %s", rate, rate, map[bool]string{true: "every trace", false: "no trace"}[s.Spec.Rate == 1])
	}
	return explainBoundary(rate, int64(s.Spec.Rate*10000), id^uint64(boundarySalt), decision)
}

// explainCounting is the reason Sample noted for this trace ID.
func explainCounting(s *Sampler, id uint64, decision bool) string {
	s.mu.Lock()
	why, ok := s.last[id]
	s.mu.Unlock()
	if ok {
		return why
	}
	return fmt.Sprintf("counting %s: %s", formatRate(s.Spec), sampledWord(decision))
}

// explainBoundary shows the boundary test with integers a learner can check
// by hand: the trace ID's low 64 bits as a decimal number, mod 10000, against
// rate×10000. zipkin-go converts the ID to a float64 first, which keeps only
// 53 bits; when that rounding changes the remainder, the explanation says so
// and shows zipkin-go's figure, since that is what decided.
func explainBoundary(rate string, boundary int64, id uint64, decision bool) string {
	exact := int64(id % 10000)
	rounded := zipkinBoundaryValue(id)
	text := fmt.Sprintf("boundary %s: trace ID low 64 bits = %d; %d mod 10000 = %d", rate, id, id, exact)
	switch {
	case id >= 1<<63:
		text += fmt.Sprintf(", but zipkin-go converts the ID to a float64 and then to int64, which overflows from 2^63 up, and gets %d", rounded)
	case rounded != exact:
		text += fmt.Sprintf(", but zipkin-go rounds the ID to a float64 (%.0f) first and gets %d", float64(id), rounded)
	}
	rel := "<"
	if rounded >= boundary {
		rel = "≥"
	}
	return fmt.Sprintf("%s; %d %s %d (rate × 10000) → %s", text, rounded, rel, boundary, sampledWord(decision))
}

// zipkinBoundaryValue is zipkin-go's own expression (sample.go), so the
// explanation always matches the decision, overflow included.
func zipkinBoundaryValue(id uint64) int64 {
	return int64(math.Abs(float64(id))) % 10000
}

func sampledWord(b bool) string {
	if b {
		return "sampled"
	}
	return "not sampled"
}
