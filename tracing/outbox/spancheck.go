package outbox

import (
	"fmt"
	"strconv"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// SpanProblem explains, in the words of the span's data, why a serializer
// refuses it: `span "charge": duration 1.8e+12 ms is out of range: …`. It
// falls back to the serializer's own error (serr) when no rule below fits.
func SpanProblem(s model.SpanModel, serr error) error {
	if reason := spanReason(&s); reason != "" {
		return fmt.Errorf("span %q: %s", s.Name, reason)
	}
	if serr == nil {
		return nil
	}
	return fmt.Errorf("span %q: %v", s.Name, serr)
}

// spanReason mirrors what zipkin-go's serializers check (model.SpanModel's
// MarshalJSON, the proto3 encoder), so the reason points at the cause rather
// than at zipkin-go's message ("valid annotation timestamp required" for a
// span that starts before 1970 because its duration is absurd).
func spanReason(s *model.SpanModel) string {
	ms := func() string { return strconv.FormatFloat(float64(s.Duration)/float64(time.Millisecond), 'g', 4, 64) }
	switch {
	case s.TraceID.Empty():
		return "its trace ID is zero"
	case s.ID == 0:
		return "its span ID is zero"
	case s.Duration < 0:
		return fmt.Sprintf("duration %s ms is negative", ms())
	case !s.Timestamp.IsZero() && s.Timestamp.Unix() < 1 && s.Duration > 24*time.Hour:
		return fmt.Sprintf("duration %s ms is out of range: the span would start before 1970 (%s)",
			ms(), s.Timestamp.UTC().Format(time.RFC3339))
	case !s.Timestamp.IsZero() && s.Timestamp.Unix() < 1:
		return fmt.Sprintf("timestamp %s is before 1970, which Zipkin does not accept", s.Timestamp.UTC().Format(time.RFC3339))
	}
	for _, a := range s.Annotations {
		if a.Timestamp.Unix() < 1 {
			return fmt.Sprintf("annotation %q has a timestamp before 1970", a.Value)
		}
	}
	return ""
}
