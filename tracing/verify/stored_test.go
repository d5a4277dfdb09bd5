package verify

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/sessiontest"
)

// TestReportCarriesStoredTrace: a trace report carries the trace as the
// backend returned it — another service's span in it too, which no check
// names — so a screen can draw the backend's copy without asking again.
func TestReportCarriesStoredTrace(t *testing.T) {
	t.Parallel()
	s := sessiontest.To(t, "")
	root, err := s.NewTrace("checkout")
	mustOK(t, err)
	mustOK(t, s.Finish(root))
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 1 {
		t.Fatalf("flush: %+v", sum)
	}
	other := fmt.Sprintf(`[{"traceId":%q,"parentId":%q,"id":"00000000000000c1","name":"charge","timestamp":%d,"duration":10,"localEndpoint":{"serviceName":"payments"}}]`,
		root.Reported.TraceID.String(), root.Reported.ID.String(), root.Reported.Timestamp.UnixMicro())
	resp, err := http.Post(s.Receiver().URL(), "application/json", strings.NewReader(other))
	mustOK(t, err)
	resp.Body.Close()
	api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
	mustOK(t, err)
	rep := NewVerifier(api, Options{Timeout: 5 * time.Second}).Verify(context.Background(), []model.SpanModel{*root.Reported})
	if len(rep.Traces) != 1 || len(rep.Traces[0].Checks) != 1 {
		t.Fatalf("report: %+v", rep)
	}
	stored := rep.Traces[0].Stored
	names := map[string]bool{}
	for _, sp := range stored {
		names[sp.Name] = true
	}
	if len(stored) != 2 || !names["checkout"] || !names["charge"] {
		t.Errorf("stored trace: %+v", stored)
	}
}
