package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/shop"
)

// Shop runs the demo shop alone: it prints each service's URL and a curl
// that calls the gateway with fresh B3 headers, and serves until interrupted.
func Shop(opts Options, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runShop(ctx, opts, env, nil)
}

// runShop is Shop with a context and a callback that gets the running shop
// and the curl line (tests).
func runShop(ctx context.Context, opts Options, env Env, ready func(sh *shop.Shop, curl string)) int {
	s, err := tracing.NewSession(opts.Config)
	if err != nil {
		return fail(env, usagef("%v", err), "")
	}
	defer s.Close()
	rep, err := s.ShopReporting()
	if err != nil {
		return fail(env, err, "")
	}
	sh, err := shop.Start(rep)
	if err != nil {
		return fail(env, err, "")
	}
	defer sh.Stop()
	kind := model.Client
	caller, err := s.Start(nil, tracing.SpanOptions{Name: "curl gateway", Kind: &kind})
	if err != nil {
		return fail(env, err, "")
	}
	curl, err := shopCurl(sh, caller.Context, opts.Config.B3)
	if err != nil {
		return fail(env, err, "")
	}
	printShop(env.Stdout, s, sh, caller, opts.Config.B3, curl)
	if ready != nil {
		ready(sh, curl)
	}
	<-ctx.Done()
	sh.Stop()
	_ = s.Finish(caller)
	sum := s.Outbox().Flush(context.Background(), nil)
	fmt.Fprintf(env.Stderr, "the shop stopped; the curl's CLIENT span: %d of %d delivered\n", sum.Delivered, sum.Spans)
	for _, p := range sh.ReportProblems() {
		fmt.Fprintf(env.Stderr, "the services' reporter: %s\n", secret.Sanitize(s.Masker().Mask(p)))
	}
	return ExitOK
}

// printShop tells where everything is and how to call it.
func printShop(w io.Writer, s *tracing.Session, sh *shop.Shop, caller *tracing.Node, f b3.Format, curl string) {
	fmt.Fprintf(w, "the demo shop is running; its services report to %s\n", s.Endpoint().Display(s.Config().RevealSecrets))
	if r := s.Receiver(); r != nil {
		fmt.Fprintf(w, "query API of the embedded receiver: http://%s/api/v2/ (dependencies: /api/v2/dependencies)\n", r.Addr())
	}
	for _, svc := range sh.Services() {
		fmt.Fprintf(w, "  %-10s %-5s %s\n", svc.Route.Service, svc.Route.Method, svc.URL)
	}
	fmt.Fprintf(w, "\ncall the gateway in trace %s: B3 %s headers from zipkin-go's injector on a CLIENT span of %s\n",
		caller.Context.TraceID, f, caller.Service)
	if !caller.Sampled() {
		fmt.Fprintln(w, "the trace is not sampled (X-B3-Sampled: 0): the services will report nothing")
	}
	if caller.Context.Debug {
		fmt.Fprintln(w, "the trace is a debug trace (X-B3-Flags: 1): every service reports it")
	}
	fmt.Fprintf(w, "%s\n\nctrl+c stops the shop, then finishes and sends the CLIENT span\n", curl)
}

// shopCurl is a curl calling the gateway with the B3 headers zipkin-go
// writes for sc in format f.
func shopCurl(sh *shop.Shop, sc model.SpanContext, f b3.Format) (string, error) {
	if f == b3.GRPC {
		f = b3.Multi
	}
	headers, err := b3.Headers(sc, f)
	if err != nil {
		return "", err
	}
	gw := sh.Services()[0]
	var b strings.Builder
	fmt.Fprintf(&b, "curl -sS -X %s", gw.Route.Method)
	for _, h := range headers {
		fmt.Fprintf(&b, " -H '%s: %s'", h.Name, h.Value)
	}
	fmt.Fprintf(&b, " %s", gw.URL)
	return b.String(), nil
}
