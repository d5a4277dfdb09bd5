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

// SamplerKinds lists the samplers in the order a picker shows them.
var SamplerKinds = []SamplerKind{SamplerAlways, SamplerNever, SamplerModulo, SamplerBoundary, SamplerCounting}

// ErrBadSampler is wrapped by every sampler spec parse error.
var ErrBadSampler = errors.New("bad sampler")

// SamplerSpec is a parsed --sampler value such as "modulo:10".
type SamplerSpec struct {
	Kind SamplerKind
	// Modulo is N for modulo:N.
	Modulo uint64
	// Rate is RATE for boundary:RATE and counting:RATE.
	Rate float64
}

// DefaultSamplerSpec is the seed's sampler, modulo:1 (every trace).
func DefaultSamplerSpec() SamplerSpec { return SamplerSpec{Kind: SamplerModulo, Modulo: 1} }

// Describe is one line on what a sampler kind does, for the picker.
func (k SamplerKind) Describe() string {
	switch k {
	case SamplerAlways:
		return "sample every trace"
	case SamplerNever:
		return "sample no trace (spans still get IDs and B3 headers)"
	case SamplerModulo:
		return "sample when trace ID (low 64 bits) mod N = 0; N < 2 samples all"
	case SamplerBoundary:
		return "sample a RATE share by trace ID, consistently (0 or 0.0001..1)"
	case SamplerCounting:
		return "sample RATE×100 of every 100 traces, in random order (0 or 0.01..1)"
	}
	return ""
}

// ParamHint is the parameter a kind needs, or "" for none.
func (k SamplerKind) ParamHint() string {
	switch k {
	case SamplerModulo:
		return "N, e.g. 10"
	case SamplerBoundary:
		return "RATE 0 or 0.0001..1, e.g. 0.5"
	case SamplerCounting:
		return "RATE 0 or 0.01..1, e.g. 0.3"
	}
	return ""
}

// ParseSamplerSpec parses always, never, modulo:N, boundary:RATE, counting:RATE.
// Ranges are zipkin-go's own: the sampler constructors are asked.
func ParseSamplerSpec(s string) (SamplerSpec, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	name, param, hasParam := strings.Cut(s, ":")
	kind := SamplerKind(name)
	switch kind {
	case SamplerAlways, SamplerNever:
		if hasParam {
			return SamplerSpec{}, fmt.Errorf("%w: %q takes no parameter", ErrBadSampler, name)
		}
		return SamplerSpec{Kind: kind}, nil
	case SamplerModulo:
		n, err := strconv.ParseUint(param, 10, 64)
		if err != nil {
			return SamplerSpec{}, fmt.Errorf("%w: modulo needs a whole number N ≥ 0, as in modulo:10 (got %q)", ErrBadSampler, param)
		}
		return SamplerSpec{Kind: kind, Modulo: n}, nil
	case SamplerBoundary, SamplerCounting:
		rate, err := strconv.ParseFloat(param, 64)
		if err != nil || !Finite(rate) {
			return SamplerSpec{}, fmt.Errorf("%w: %s needs a rate, as in %s:0.5 (got %q)", ErrBadSampler, name, name, param)
		}
		spec := SamplerSpec{Kind: kind, Rate: rate}
		if _, err := spec.zipkinSampler(); err != nil {
			return SamplerSpec{}, fmt.Errorf("%w: %s: %v", ErrBadSampler, name, err)
		}
		return spec, nil
	}
	return SamplerSpec{}, fmt.Errorf("%w: %q is not one of always, never, modulo:N, boundary:RATE, counting:RATE", ErrBadSampler, s)
}

// String is the spec in --sampler form.
func (s SamplerSpec) String() string {
	switch s.Kind {
	case SamplerModulo:
		return fmt.Sprintf("modulo:%d", s.Modulo)
	case SamplerBoundary, SamplerCounting:
		return fmt.Sprintf("%s:%s", s.Kind, strconv.FormatFloat(s.Rate, 'g', -1, 64))
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
	if (s.Kind == SamplerBoundary || s.Kind == SamplerCounting) && !Finite(s.Rate) {
		return nil, fmt.Errorf("%s rate must be a number between 0 and 1, got %v", s.Kind, s.Rate)
	}
	switch s.Kind {
	case SamplerAlways:
		return zipkin.AlwaysSample, nil
	case SamplerNever:
		return zipkin.NeverSample, nil
	case SamplerModulo:
		return zipkin.NewModuloSampler(s.Modulo), nil
	case SamplerBoundary:
		return zipkin.NewBoundarySampler(s.Rate, boundarySalt)
	case SamplerCounting:
		return zipkin.NewCountingSampler(s.Rate)
	}
	return nil, fmt.Errorf("%w: unknown sampler %q", ErrBadSampler, s.Kind)
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
		return nil, fmt.Errorf("%w: %v", ErrBadSampler, err)
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
	spec := s.Spec
	switch spec.Kind {
	case SamplerAlways:
		return "always: every trace is sampled"
	case SamplerNever:
		return "never: no trace is sampled; the span is built but never sent"
	case SamplerModulo:
		if spec.Modulo < 2 {
			return fmt.Sprintf("modulo %d: N < 2 samples every trace", spec.Modulo)
		}
		rem := traceIDLow % spec.Modulo
		rel := "="
		if rem != 0 {
			rel = "≠"
		}
		return fmt.Sprintf("modulo %d: trace ID low 64 bits mod %d = %d %s 0 → %s", spec.Modulo, spec.Modulo, rem, rel, sampledWord(decision))
	case SamplerBoundary:
		rate := strconv.FormatFloat(spec.Rate, 'g', -1, 64)
		if spec.Rate == 0 || spec.Rate == 1 {
			return fmt.Sprintf("boundary %s: rate %s samples %s", rate, rate, map[bool]string{true: "every trace", false: "no trace"}[spec.Rate == 1])
		}
		return explainBoundary(rate, int64(spec.Rate*10000), traceIDLow^uint64(boundarySalt), decision)
	case SamplerCounting:
		s.mu.Lock()
		why, ok := s.last[traceIDLow]
		s.mu.Unlock()
		if ok {
			return why
		}
		return fmt.Sprintf("counting %s: %s", strconv.FormatFloat(spec.Rate, 'g', -1, 64), sampledWord(decision))
	}
	return sampledWord(decision)
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
