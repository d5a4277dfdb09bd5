package cli

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"zipkin-playground/examples"
)

// BenchmarkBurstRate measures how closely `send --rate R --duration 10s`
// keeps its rate (a measurement, not a pass/fail test): it reports the
// traces built per second of build time and the error against R in percent.
// Run with -benchtime 1x: each op is a 10-second burst.
func BenchmarkBurstRate(b *testing.B) {
	demo, err := examples.Builtin(examples.DemoName)
	if err != nil {
		b.Fatal(err)
	}
	for _, rate := range []int{100, 2000, 5000} {
		b.Run(fmt.Sprintf("rate=%d", rate), func(b *testing.B) {
			var built, ms float64
			for i := 0; i < b.N; i++ {
				s, opts := burstSession(b, "--rate", fmt.Sprint(rate), "--duration", "10s", "--batch", "500")
				env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, RetrySleep: noWait}
				out, err := runBurst(context.Background(), context.Background(), s, opts, env, demo)
				if err != nil || out.err != nil || s.Outbox().Counts().Undelivered() != 0 {
					b.Fatalf("%v %v %+v", err, out.err, s.Outbox().Counts())
				}
				built += float64(out.built.Traces)
				ms += out.buildMs
			}
			got := built / (ms / 1000)
			b.ReportMetric(got, "traces/s")
			b.ReportMetric(100*(got-float64(rate))/float64(rate), "error%")
		})
	}
}
