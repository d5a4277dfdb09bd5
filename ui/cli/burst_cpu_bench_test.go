package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"zipkin-playground/examples"
)

// BenchmarkBurstSend is `send --count 25000` (100,000 demo spans) into a
// server that reads each body and answers 202, for profiling the sender
// (go test -run X -bench BurstSend -benchtime 3x -cpuprofile cpu.out ./ui/cli):
// the server's share shows under net/http's server frames. It reports the
// spans delivered per op, which must be every one.
func BenchmarkBurstSend(b *testing.B) {
	demo, err := examples.Builtin(examples.DemoName)
	if err != nil {
		b.Fatal(err)
	}
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		got.Add(n)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	for i := 0; i < b.N; i++ {
		s, opts := burstSession(b, "--endpoint", srv.URL+"/api/v2/spans", "--count", "25000", "--batch", fmt.Sprint(DefaultBurstBatch))
		env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, RetrySleep: noWait}
		out, err := runBurst(context.Background(), context.Background(), s, opts, env, demo)
		if err != nil || out.err != nil || s.Outbox().Counts().Delivered != 100_000 {
			b.Fatalf("%v %v %+v", err, out.err, s.Outbox().Counts())
		}
		s.Close()
	}
	b.ReportMetric(float64(got.Load())/float64(b.N), "bytes/op")
}
