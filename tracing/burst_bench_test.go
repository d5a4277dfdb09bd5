package tracing

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// benchScenario is the demo's shape: a root, a CLIENT call, its shared
// SERVER side in another service and a child there with a tag and an error.
func benchScenario() Scenario {
	return Scenario{Version: scenarioVersion, Traces: []ScenarioSpan{{
		Name: "checkout", DurationMs: 120, Tags: map[string]string{"http.method": "POST"},
		Children: []ScenarioSpan{{Name: "charge card", Kind: "CLIENT", StartMs: 10, DurationMs: 100,
			Children: []ScenarioSpan{{Name: "charge card", Service: "payments", Kind: "SERVER", StartMs: 12, DurationMs: 95,
				Annotations: []ScenarioAnnotation{{AtMs: 20, Value: "fraud check passed"}},
				Children: []ScenarioSpan{{Name: "call bank", Service: "payments", StartMs: 25, DurationMs: 70,
					Tags: map[string]string{"bank.id": "demo-bank"}, Error: "card declined"}}}}}},
	}}}
}

// BenchmarkStreamBurst is the sender's side of a burst: 10,000 demo traces
// built with Burst and delivered by a Stream to a collector that only reads
// the body, for a few batch sizes and POSTs in flight. It reports spans/s.
func BenchmarkStreamBurst(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	for _, c := range []struct{ batch, inFlight int }{{100, 4}, {500, 2}, {500, 4}, {1000, 4}} {
		b.Run(fmt.Sprintf("batch=%d/inflight=%d", c.batch, c.inFlight), func(b *testing.B) {
			const traces = 10_000
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				cfg := DefaultConfig()
				cfg.Endpoint, cfg.Batch = srv.URL+secret.V2Path, c.batch
				s, err := NewSession(cfg)
				if err != nil {
					b.Fatal(err)
				}
				s.outbox.SetInFlight(c.inFlight)
				s.Outbox().SetForget(true)
				burst, _ := s.NewBurst(benchScenario())
				t0 := time.Now()
				st := s.Outbox().Stream(context.Background(), outbox.StreamOptions{})
				for j := 0; j < traces; j++ {
					_ = st.WaitRoom(context.Background(), 32*c.batch)
					burst.Replay(nil)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				if got := s.Outbox().Counts().Delivered; got != 4*traces {
					b.Fatalf("%d delivered", got)
				}
				s.Close()
			}
			b.ReportMetric(float64(4*traces*b.N)/elapsed.Seconds(), "spans/s")
		})
	}
}
