package cli

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/receiver"
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
	defer limitMemory(opts.Config.MaxBytes)()
	out := newLinePrinter(env.Stdout, !opts.JSON)
	rcv, err := receiver.Start(opts.Config.Listen,
		receiver.MaxSpans(opts.Config.MaxSpans),
		receiver.MaxBytes(opts.Config.MaxBytes),
		receiver.OnSpans(func(spans []model.SpanModel) {
			for _, sp := range spans {
				out.Print(spanLine(sp, opts.JSON))
			}
		}),
	)
	if err != nil {
		out.Close(0)
		return fail(env, usagef("%v", err), "pick another --listen address")
	}
	defer rcv.Close()
	idle := make(chan struct{})
	defer close(idle)
	go releaseWhenIdle(rcv.Updated, idle)
	fmt.Fprintf(env.Stderr, "receiving Zipkin spans at %s (and /api/v1/spans); query API at http://%s/api/v2/; ctrl+c stops\n", rcv.URL(), rcv.Addr())
	if rcv.Moved != "" {
		fmt.Fprintf(env.Stderr, "note: %s\n", rcv.Moved)
	}
	if rcv.Warning != "" {
		fmt.Fprintf(env.Stderr, "warning: %s\n", rcv.Warning)
	}
	if ready != nil {
		ready(rcv.URL())
	}
	<-ctx.Done()
	rcv.Close()
	dropped := out.Close(cmp.Or(env.printDrain, printDrain))
	st := rcv.Stats()
	fmt.Fprintf(env.Stderr, "received %d spans in %d batches, rejected %d, duplicates %d\n", st.Spans, st.Batches, st.Rejected, st.Duplicates)
	if st.EvictedSpans > 0 {
		fmt.Fprintf(env.Stderr, "evicted %d spans (%d whole traces), oldest first, to stay within the span and byte budgets (--max-spans, --max-bytes)\n", st.EvictedSpans, st.Evicted)
	}
	if dropped > 0 {
		fmt.Fprintf(env.Stderr, "dropped %d printed lines: stdout was not keeping up (the spans were received and stored)\n", dropped)
	}
	return ExitOK
}
