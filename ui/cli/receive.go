package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// Receive runs the embedded receiver alone and prints every span that
// arrives, one line each (or JSON lines), until interrupted.
func Receive(opts Options, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return receive(ctx, opts, env, nil)
}

// receive is Receive with a context and a callback that learns the URL (tests).
func receive(ctx context.Context, opts Options, env Env, ready func(url string)) int {
	var mu sync.Mutex // spans of concurrent POSTs print whole lines
	rcv, err := tracing.StartReceiver(opts.Config.Listen, tracing.ReceiverOptions{
		OnSpans: func(spans []model.SpanModel) {
			mu.Lock()
			defer mu.Unlock()
			for _, sp := range spans {
				printSpan(env, sp, opts.JSON)
			}
		},
	})
	if err != nil {
		return fail(env, usagef("cannot listen on %s: %v", opts.Config.Listen, err), "pick another --listen address")
	}
	defer rcv.Close()
	fmt.Fprintf(env.Stderr, "receiving Zipkin spans at %s (POST /api/v2/spans); ctrl+c stops\n", rcv.URL())
	if ready != nil {
		ready(rcv.URL())
	}
	<-ctx.Done()
	st := rcv.Stats()
	fmt.Fprintf(env.Stderr, "received %d spans in %d batches, rejected %d\n", st.Spans, st.Batches, st.Rejected)
	return ExitOK
}

func printSpan(env Env, sp model.SpanModel, asJSON bool) {
	if asJSON {
		b, err := sp.MarshalJSON()
		if err == nil {
			fmt.Fprintf(env.Stdout, "%s\n", b)
		}
		return
	}
	parent := "-"
	if sp.ParentID != nil {
		parent = sp.ParentID.String()
	}
	service := ""
	if sp.LocalEndpoint != nil {
		service = sp.LocalEndpoint.ServiceName
	}
	kind := string(sp.Kind)
	if kind == "" {
		kind = "-"
	}
	fmt.Fprintf(env.Stdout, "%s %s %s parent=%s %s %q kind=%s duration=%s tags=%d annotations=%d\n",
		sp.Timestamp.Format("15:04:05.000"), sp.TraceID, sp.ID, parent, service, sp.Name, kind,
		tracing.FormatLatency(sp.Duration), len(sp.Tags), len(sp.Annotations))
}
