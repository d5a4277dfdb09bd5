// Command zgo is the comparison of .ci/perf: it sends N demo traces (4 spans
// each, the shape of zipkin-playground's demo) with zipkin-go's tracer and
// its reporter/http, MaxBacklog raised so that nothing is dropped for lack of
// room, and prints the wall time. The reporter POSTs its whole backlog at
// once when it falls behind, which a sink with a body limit refuses (the
// embedded receiver's is 16 MiB): .ci/perf sends it to .ci/sink, which has
// none, and counts what the sink got.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:19411/api/v2/spans", "")
	count := flag.Int("count", 25000, "traces")
	batch := flag.Int("batch", 100, "")
	flag.Parse()
	start := time.Now()
	rep := zipkinhttp.NewReporter(*url, zipkinhttp.MaxBacklog(*count*4), zipkinhttp.BatchSize(*batch),
		zipkinhttp.Logger(log.New(io.Discard, "", 0)))
	ep1, _ := zipkin.NewEndpoint("playground", "10.0.0.1")
	ep2, _ := zipkin.NewEndpoint("payments", "10.0.0.1")
	t1, _ := zipkin.NewTracer(rep, zipkin.WithLocalEndpoint(ep1))
	t2, _ := zipkin.NewTracer(rep, zipkin.WithLocalEndpoint(ep2))
	for i := 0; i < *count; i++ {
		base := time.Now().Add(-120 * time.Millisecond)
		root := t1.StartSpan("checkout", zipkin.StartTime(base))
		root.Tag("http.method", "POST")
		cl := t1.StartSpan("charge card", zipkin.Kind(model.Client), zipkin.Parent(root.Context()), zipkin.StartTime(base.Add(10*time.Millisecond)))
		sv := t2.StartSpan("charge card", zipkin.Kind(model.Server), zipkin.Parent(cl.Context()), zipkin.StartTime(base.Add(12*time.Millisecond)))
		sv.Annotate(base.Add(20*time.Millisecond), "fraud check passed")
		bank := t2.StartSpan("call bank", zipkin.Parent(sv.Context()), zipkin.StartTime(base.Add(25*time.Millisecond)))
		bank.Tag("bank.id", "demo-bank")
		bank.Tag("error", "card declined")
		bank.Annotate(time.Now(), `{"event":"error","stack":"card declined"}`)
		bank.FinishedWithDuration(70 * time.Millisecond)
		sv.FinishedWithDuration(95 * time.Millisecond)
		cl.FinishedWithDuration(100 * time.Millisecond)
		root.FinishedWithDuration(120 * time.Millisecond)
	}
	rep.Close()
	fmt.Fprintf(os.Stdout, "zipkin-go reporter/http: %d traces, %d spans in %.3fs\n", *count, *count*4, time.Since(start).Seconds())
}
