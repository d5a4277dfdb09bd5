package cli

import (
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// TestSpanLineText pins receive's text line, field by field: IDs as 16
// zero-padded lower-case hex digits (32 for a 128-bit trace), "-" for what
// a span lacks.
func TestSpanLineText(t *testing.T) {
	t.Parallel()
	parent := model.ID(0xa)
	at := time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.Local)
	for _, row := range []struct {
		sp   model.SpanModel
		want string
	}{{
		sp: model.SpanModel{
			SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 0x1f}, ID: 0xfedcba9876543210, ParentID: &parent},
			Name:        "get /cart", Kind: model.Server, Timestamp: at, Duration: 1500 * time.Microsecond,
			LocalEndpoint: &model.Endpoint{ServiceName: "shop"},
			Tags:          map[string]string{"a": "1", "b": "2"},
			Annotations:   []model.Annotation{{Timestamp: at, Value: "ws"}},
		},
		want: `03:04:05.678 000000000000001f fedcba9876543210 parent=000000000000000a shop "get /cart" kind=SERVER duration=1.5ms tags=2 annotations=1` + "\n",
	}, {
		sp: model.SpanModel{
			SpanContext: model.SpanContext{TraceID: model.TraceID{High: 1, Low: 2}, ID: 3},
		},
		want: `--:--:--.--- 00000000000000010000000000000002 0000000000000003 parent=- - "" kind=- duration=0µs tags=0 annotations=0` + "\n",
	}} {
		if got := spanLine(row.sp, false); got != row.want {
			t.Errorf("spanLine =\n%q, want\n%q", got, row.want)
		}
	}
}
